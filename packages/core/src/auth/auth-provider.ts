/** What the auth policy asks of any credential source. */
export interface AuthProvider {
  /** The token to send now (refreshing first when it is about to expire), or undefined for none. */
  getToken(signal?: AbortSignal): Promise<string | undefined>;
  /**
   * The server said 401 to `rejectedToken`. Return true when a fresh token is now available and
   * the call should be replayed once.
   */
  onUnauthorized(rejectedToken: string, signal?: AbortSignal): Promise<boolean>;
  /** The token when it is at hand and fresh, without waiting: the hot path's shortcut. */
  peekToken?(): string | undefined;
}

export class StaticTokenAuth implements AuthProvider {
  constructor(private readonly token: string) {}
  async getToken(): Promise<string> {
    return this.token;
  }
  peekToken(): string {
    return this.token;
  }
  async onUnauthorized(): Promise<boolean> {
    return false;
  }
}
