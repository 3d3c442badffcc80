import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../src/errors';
import { KeyringTokenStore } from '../src/node';

const FIXTURE = join(__dirname, 'fixtures', 'keyring-process.ts');

/**
 * Runs `command` inside the kernel keyring session `session` (`keyctl session <name>` creates it
 * the first time and joins it after): every process of one test shares one session keyring, the
 * way the processes of one login do. Outside a session of its own, a container's inherited user
 * session keyring refuses access (AccessDenied).
 */
function inSession(session: string, command: string[], home: string, cwd = home): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('keyctl', ['session', session, ...command], { cwd, env: { ...process.env, HOME: home, TMPDIR: home } }, (error, stdout, stderr) => {
      if (error && !stdout) reject(new Error(`${command.join(' ')}: ${stderr || error.message}`));
      else resolve(stdout.trim());
    });
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('KeyringTokenStore', () => {
  describe('without @napi-rs/keyring', () => {
    // A package name that is not installed: the loader fails as `import('@napi-rs/keyring')` does when it is missing.
    const missing = '@napi-rs/keyring-not-installed';

    it('every call rejects with a ConfigError that says how to install it, and nothing is stored anywhere else', async () => {
      const store = new KeyringTokenStore({ loadKeyring: () => import(missing) });
      for (const call of [() => store.save({ accessToken: 'secret-token' }), () => store.load(), () => store.clear()]) {
        const error = await call().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).setting).toBe('tokenStore.keyring');
        expect((error as Error).message).toContain('@napi-rs/keyring is not installed');
        expect((error as Error).message).toContain('npm i @napi-rs/keyring');
        expect((error as Error).message).not.toContain('secret-token');
      }
    });

    it('a module that is not @napi-rs/keyring 2.x is a ConfigError too', async () => {
      const store = new KeyringTokenStore({ loadKeyring: async () => ({ Entry: class {} }) });
      await expect(store.load()).rejects.toThrow(ConfigError);
      await expect(store.load()).rejects.toThrow(/no AsyncEntry.*npm i @napi-rs\/keyring/);
    });

    it('an empty service or account is a ConfigError before the keyring is touched', () => {
      expect(() => new KeyringTokenStore({ service: '' })).toThrow(ConfigError);
      expect(() => new KeyringTokenStore({ account: '' })).toThrow(ConfigError);
    });
  });

  describe('on the Linux kernel keyring (keyutils), across processes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'novacron-keyring-'));
    const session = `novacron-test-${process.pid}`;
    const service = 'novacron-sdk-test';
    const account = `user-${process.pid}@example.test`;
    const tokens = { accessToken: `at.${process.pid}.keyring-only`, refreshToken: `rt.${process.pid}`, expiresAt: 1_900_000_000_000 };
    const node = (...args: string[]) => inSession(session, [process.execPath, '--import', 'tsx', FIXTURE, ...args], dir, join(__dirname, '..'));

    /** What keyctl itself reads from the persistent keyring for this entry. */
    const kernelSecret = () =>
      inSession(session, ['sh', '-c', `id=$(keyctl search "$(keyctl get_persistent @s)" user 'keyring:${account}@${service}') && keyctl pipe "$id"`], dir);

    afterAll(async () => {
      await node('clear', service, account).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('one process saves, the kernel holds the secret, another process loads it, a third clears it; no file ever holds the token', async () => {
      expect(await node('save', service, account, JSON.stringify(tokens))).toBe('"saved"');

      // The secret is in the kernel keyring (keyring-rs keeps it in the user's persistent keyring), not in a file.
      expect(JSON.parse(await kernelSecret())).toEqual(tokens);

      expect(JSON.parse(await node('load', service, account))).toEqual(tokens);
      expect(JSON.parse(await node('two-instances', service, `${account}.second`, JSON.stringify({ accessToken: 'second' })))).toEqual({ accessToken: 'second' });
      await node('clear', service, `${account}.second`);

      const written = filesUnder(dir).filter((file) => readFileSync(file, 'utf8').includes(tokens.accessToken));
      expect(written).toEqual([]);

      expect(await node('clear', service, account)).toBe('"cleared"');
      expect(await node('load', service, account)).toBe('null');
      await expect(kernelSecret()).rejects.toThrow(/Required key not available/);
    }, 180_000);

    it('a failure of the platform store is a typed NovaCronError (keyring_unavailable) that names the entry, not the secret', async () => {
      // The Secret Service required, and no D-Bus session bus where the address says: the platform store is unavailable.
      const out = await new Promise<string>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', FIXTURE, 'save', service, account, JSON.stringify({ accessToken: 'never-logged' })],
          { cwd: join(__dirname, '..'), env: { ...process.env, KEYRING_STORE: 'secret-service', DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}` } },
          (_error, stdout) => resolve(stdout.trim()),
        );
      });
      expect(out).toMatch(new RegExp(`^ERROR NovaCronError keyring_unavailable Could not (open|write) the tokens in the OS keyring \\(${service}/${account.replace(/\./g, '\\.')}\\): .+`));
      expect(out).not.toContain('never-logged');
    }, 30_000);
  });
});
