import { ConfigError, NovaCronError } from '../errors';
import type { TokenSet, TokenStore } from './token-store';

/** The part of `@napi-rs/keyring` this store uses (typed here so core's types never need the package). */
export interface KeyringModule {
  AsyncEntry: new (
    service: string,
    account: string,
    options?: { linux?: { store?: 'secret-service' | 'keyutils' } },
  ) => {
    setPassword(password: string): Promise<void>;
    getPassword(): Promise<string | null | undefined>;
    deletePassword(): Promise<boolean>;
  };
}

export interface KeyringTokenStoreOptions {
  /** The keyring service name. Default `novacron`. */
  service?: string;
  /** The account under the service, e.g. the user or the API URL. Default `default`. */
  account?: string;
  /**
   * Linux only: require one secret store (`secret-service`: GNOME Keyring/KWallet over D-Bus;
   * `keyutils`: the kernel keyring of this login session). Default: the platform's choice.
   */
  linuxStore?: 'secret-service' | 'keyutils';
  /** How `@napi-rs/keyring` is loaded. Default: a dynamic import, so it is only needed when used. */
  loadKeyring?: () => Promise<unknown>;
}

const INSTALL_HINT = 'install it with `npm i @napi-rs/keyring` (an optional peer dependency of @novacron/core), or use FileTokenStore or MemoryTokenStore.';

/**
 * Tokens in the OS keyring (macOS Keychain, Windows Credential Manager, Secret Service or the kernel
 * keyring on Linux) through `@napi-rs/keyring`, as one JSON secret per service and account.
 *
 * When the keyring module or the platform store is unavailable every call rejects with a typed
 * error: tokens never fall back to a plain-text file.
 */
export class KeyringTokenStore implements TokenStore {
  readonly service: string;
  readonly account: string;
  private readonly linuxStore: KeyringTokenStoreOptions['linuxStore'];
  private readonly loadKeyring: () => Promise<unknown>;
  private entry: Promise<InstanceType<KeyringModule['AsyncEntry']>> | undefined;

  constructor(options: KeyringTokenStoreOptions = {}) {
    this.service = options.service ?? 'novacron';
    this.account = options.account ?? 'default';
    if (!this.service || !this.account) throw new ConfigError('tokenStore.keyring', 'service and account must not be empty.');
    this.linuxStore = options.linuxStore;
    this.loadKeyring = options.loadKeyring ?? (() => import('@napi-rs/keyring'));
  }

  async load(): Promise<TokenSet | undefined> {
    const entry = await this.open();
    const text = await this.run('read', () => entry.getPassword());
    if (text === null || text === undefined) return undefined;
    try {
      const parsed = JSON.parse(text) as TokenSet;
      return typeof parsed.accessToken === 'string' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async save(tokens: TokenSet): Promise<void> {
    const entry = await this.open();
    await this.run('write', () => entry.setPassword(JSON.stringify(tokens)));
  }

  async clear(): Promise<void> {
    const entry = await this.open();
    await this.run('delete', () => entry.deletePassword());
  }

  private open(): Promise<InstanceType<KeyringModule['AsyncEntry']>> {
    this.entry ??= this.loadModule().then((keyring) =>
      // The entry reaches for the platform store already (e.g. the D-Bus session on Linux).
      this.run('open', async () => new keyring.AsyncEntry(this.service, this.account, this.linuxStore ? { linux: { store: this.linuxStore } } : undefined)),
    );
    // A failed load is not cached: installing the module fixes the next call.
    this.entry.catch(() => (this.entry = undefined));
    return this.entry;
  }

  private async loadModule(): Promise<KeyringModule> {
    let loaded: unknown;
    try {
      loaded = await this.loadKeyring();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
      throw new ConfigError('tokenStore.keyring', missing ? `@napi-rs/keyring is not installed: ${INSTALL_HINT}` : `@napi-rs/keyring could not be loaded (${describe(error)}): ${INSTALL_HINT}`);
    }
    // ESM import() gives the named exports; a CJS interop may put them under `default`.
    const candidate = loaded as Partial<KeyringModule> & { default?: Partial<KeyringModule> };
    const mod = typeof candidate.AsyncEntry === 'function' ? candidate : candidate.default;
    if (typeof mod?.AsyncEntry !== 'function') throw new ConfigError('tokenStore.keyring', `the loaded module is not @napi-rs/keyring 2.x (no AsyncEntry): ${INSTALL_HINT}`);
    return mod as KeyringModule;
  }

  private async run<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      // The platform's message names the store and why (locked, no access, no session); it never holds the secret.
      throw new NovaCronError(`Could not ${action} the tokens in the OS keyring (${this.service}/${this.account}): ${describe(error)}.`, {
        code: 'keyring_unavailable',
        cause: error,
      });
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
