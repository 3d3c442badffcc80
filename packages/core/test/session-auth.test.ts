import { AbortError, AuthenticationError, MemoryTokenStore, SessionAuth, type AuthCall, type TokenSet } from '../src';

interface PendingCall {
  path: string;
  body: unknown;
  signal: AbortSignal | undefined;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** An auth endpoint whose answers the test hands out one by one. */
function scriptedServer() {
  const calls: PendingCall[] = [];
  const call: AuthCall = (_method, path, body, options) =>
    new Promise((resolve, reject) => {
      calls.push({ path, body, signal: options.signal, resolve, reject });
      options.signal?.addEventListener('abort', () => reject(new AbortError('aborted by the signal the call ran on')), { once: true });
    });
  return { calls, call };
}

const flush = () => new Promise((r) => setImmediate(r));

/** A store that records the order of what reached it, each write finishing when the test says. */
class RecordingStore extends MemoryTokenStore {
  readonly log: string[] = [];
  override async save(tokens: TokenSet): Promise<void> {
    this.log.push(`save ${tokens.accessToken}`);
    await flush();
    await super.save(tokens);
  }
  override async clear(): Promise<void> {
    this.log.push('clear');
    await super.clear();
  }
}

describe('SessionAuth', () => {
  it.each([
    ['a string code', '123456', { code: '123456' }],
    ['{ code }', { code: '123456' }, { code: '123456' }],
    ['{ code, backupCode: false }', { code: '123456', backupCode: false }, { code: '123456' }],
    ['{ code, backupCode: true }', { code: 'ab12-cd34', backupCode: true }, { code: 'ab12-cd34', is_backup_code: true }],
  ] as const)('sends the twoFactor callback answer %s to verify-login as upstream reads it', async (_what, answer, sent) => {
    const server = scriptedServer();
    const auth = new SessionAuth(server.call, { credentials: { email: 'u@x', password: 'pw' }, twoFactor: async () => answer });
    const login = auth.login();
    await flush();
    server.calls[0]!.resolve({ requires_2fa: true, temp_token: 'temp' });
    await flush();
    expect(server.calls[1]!.path).toBe('/api/auth/2fa/verify-login');
    // What reaches the wire: JSON, where an undefined flag is left out.
    expect(JSON.parse(JSON.stringify(server.calls[1]!.body))).toEqual({ temp_token: 'temp', ...sent });
    server.calls[1]!.resolve({ token: 'tok', expiresAt: new Date(1e12).toISOString() });
    await expect(login).resolves.toMatchObject({ accessToken: 'tok' });
  });

  it("one caller's abort leaves another caller's refresh alone", async () => {
    const server = scriptedServer();
    let now = 0;
    const auth = new SessionAuth(server.call, { refreshBufferMs: 0, now: () => now });
    await auth.setTokens({ accessToken: 'old', refreshToken: 'r1', expiresAt: 1_000 });
    now = 2_000;

    const callerA = new AbortController();
    const a = auth.getToken(callerA.signal);
    const b = auth.getToken();
    await flush();
    expect(server.calls).toHaveLength(1);
    callerA.abort();

    await expect(a).rejects.toBeInstanceOf(AbortError);
    // The refresh itself was not cancelled by A: it is still waiting for the server's answer.
    expect(server.calls[0]!.signal?.aborted ?? false).toBe(false);
    server.calls[0]!.resolve({ token: 'new', refreshToken: 'r2', expiresAt: new Date(1e12).toISOString() });
    await expect(b).resolves.toBe('new');
    expect(server.calls).toHaveLength(1);
  });

  it('a refresh abandoned by every caller still completes, so a rotated refresh token is not lost', async () => {
    const server = scriptedServer();
    let now = 0;
    const auth = new SessionAuth(server.call, { refreshBufferMs: 0, now: () => now });
    await auth.setTokens({ accessToken: 'old', refreshToken: 'r1', expiresAt: 1_000 });
    now = 2_000;
    const only = new AbortController();
    const a = auth.getToken(only.signal);
    await flush();
    only.abort();
    await expect(a).rejects.toBeInstanceOf(AbortError);
    server.calls[0]!.resolve({ token: 'new', refreshToken: 'r2', expiresAt: new Date(1e12).toISOString() });
    await flush();
    expect(auth.current).toEqual(expect.objectContaining({ accessToken: 'new', refreshToken: 'r2' }));
  });

  it('logout wins over a refresh in flight, in memory and in the store', async () => {
    const server = scriptedServer();
    const store = new RecordingStore();
    let now = 0;
    const auth = new SessionAuth(server.call, { refreshBufferMs: 0, now: () => now, store });
    await auth.setTokens({ accessToken: 'old', refreshToken: 'r1', expiresAt: 1_000 });
    now = 2_000;

    const waiting = auth.getToken();
    await flush();
    const refresh = server.calls[0]!;
    expect(refresh.path).toBe('/api/auth/refresh');
    const loggingOut = auth.logout();
    await flush();
    refresh.resolve({ token: 'revived', refreshToken: 'r2', expiresAt: new Date(1e12).toISOString() });
    const outcome = await waiting.catch((e: unknown) => e);
    // The logout call for the old token, and one for the tokens the late refresh produced.
    for (const c of server.calls.slice(1)) c.resolve({});
    await loggingOut;
    await flush();
    for (const c of server.calls.slice(1)) c.resolve({});

    expect(outcome).toBeInstanceOf(AuthenticationError);
    expect((outcome as AuthenticationError).code).toBe('logged_out');
    expect(auth.current).toBeUndefined();
    expect(await store.load()).toBeUndefined();
    expect(store.log.filter((entry) => entry.includes('revived'))).toEqual([]);
    // The session the late refresh opened on the server is closed too.
    const logouts = server.calls.filter((c) => c.path === '/api/auth/logout').map((c) => (c.body as { refreshToken?: string }).refreshToken);
    expect(logouts.sort()).toEqual(['r1', 'r2']);
  });
});
