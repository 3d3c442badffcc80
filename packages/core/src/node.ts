export { FileTokenStore } from './auth/file-token-store';
