import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileTokenStore } from '../src/node';

describe('FileTokenStore', () => {
  it('keeps tokens in a file only its owner can read, and clears it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'novacron-')), 'tokens.json');
    const store = new FileTokenStore(path);
    expect(await store.load()).toBeUndefined();
    await store.save({ accessToken: 'a', refreshToken: 'r', expiresAt: 1 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await new FileTokenStore(path).load()).toEqual({ accessToken: 'a', refreshToken: 'r', expiresAt: 1 });
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });
});
