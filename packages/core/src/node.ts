export { FileTokenStore } from './auth/file-token-store';
export { KeyringTokenStore } from './auth/keyring-token-store';
export type { KeyringModule, KeyringTokenStoreOptions } from './auth/keyring-token-store';
