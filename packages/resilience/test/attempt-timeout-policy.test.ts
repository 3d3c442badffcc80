import { AbortError, TimeoutError, type NovaRequest } from '@novacron/core';
import { AttemptTimeoutPolicy, ResilienceEvents } from '../src/index';

const request = (deadline?: number): NovaRequest => ({
  method: 'GET',
  path: '/x',
  route: 'GET /x',
  headers: {},
  authenticate: false,
  attempt: 1,
  requestId: 'r',
  context: {},
  deadline,
});

describe('AttemptTimeoutPolicy', () => {
  it('narrows request.deadline for the attempt and restores the call deadline after', async () => {
    const policy = new AttemptTimeoutPolicy({ timeoutMs: 1_000 });
    const callDeadline = Date.now() + 60_000;
    const req = request(callDeadline);
    let seen = 0;
    // Bracketed by readings taken around the call, so a stall anywhere cannot make it fail.
    const before = Date.now();
    await policy.send(req, async (r) => {
      seen = r.deadline!;
      return { status: 200, headers: {}, body: 1, requestId: undefined, request: r };
    });
    const after = Date.now();
    expect(seen).toBeGreaterThanOrEqual(before + 1_000);
    expect(seen).toBeLessThanOrEqual(after + 1_000);
    expect(req.deadline).toBe(callDeadline);
  });

  it('never extends a nearer call deadline', async () => {
    const policy = new AttemptTimeoutPolicy({ timeoutMs: 60_000 });
    const callDeadline = Date.now() + 100;
    let seen = 0;
    await policy.send(request(callDeadline), async (r) => ((seen = r.deadline!), { status: 200, headers: {}, body: 1, requestId: undefined, request: r }));
    expect(seen).toBe(callDeadline);
  });

  it('standalone: a hung attempt is aborted at the deadline with TimeoutError and a timeout event', async () => {
    const events = new ResilienceEvents();
    const policy = new AttemptTimeoutPolicy({ timeoutMs: 30, events });
    let abortReason: unknown;
    const hung = policy.execute(
      ({ signal }) =>
        new Promise((_, reject) =>
          signal!.addEventListener('abort', () => {
            abortReason = signal!.reason;
            reject(signal!.reason);
          }),
        ),
    );
    await expect(hung).rejects.toBeInstanceOf(TimeoutError);
    expect(abortReason).toBeInstanceOf(TimeoutError);
    expect(events.count('timeout')).toBe(1);
  });

  it('the caller’s abort is an AbortError, not a timeout', async () => {
    const policy = new AttemptTimeoutPolicy({ timeoutMs: 5_000 });
    const controller = new AbortController();
    const pending = policy.execute(({ signal }) => new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason))), {
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it('rejects a bad setting with a ConfigError', () => {
    expect(() => new AttemptTimeoutPolicy({ timeoutMs: -5 })).toThrow(/attemptTimeout/);
  });
});
