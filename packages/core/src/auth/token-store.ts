/** The tokens of one session. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds; from the server's `expiresAt`, else the JWT's `exp`. */
  expiresAt?: number;
}

/** Where tokens are kept between calls (and, for a file store, between processes). */
export interface TokenStore {
  load(): Promise<TokenSet | undefined>;
  save(tokens: TokenSet): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryTokenStore implements TokenStore {
  private tokens: TokenSet | undefined;
  async load(): Promise<TokenSet | undefined> {
    return this.tokens;
  }
  async save(tokens: TokenSet): Promise<void> {
    this.tokens = tokens;
  }
  async clear(): Promise<void> {
    this.tokens = undefined;
  }
}
