import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { TokenSet, TokenStore } from './token-store';

/**
 * Tokens in a JSON file readable by its owner only (0600). Writes go to a temporary file that is
 * renamed over the old one, so a crash never leaves half a token file.
 */
export class FileTokenStore implements TokenStore {
  constructor(private readonly path: string) {}

  async load(): Promise<TokenSet | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as TokenSet;
      return typeof parsed.accessToken === 'string' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async save(tokens: TokenSet): Promise<void> {
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(tokens), { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.path);
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
