import type { Policy, SendNext } from '../pipeline';
import { isMutating, type NovaRequest, type NovaResponse } from '../request';
import { NovaCronError } from '../errors';

/** One mutating call, as the audit hook sees it. Bodies are left out: they may hold secrets. */
export interface AuditRecord {
  timestamp: string;
  method: string;
  route: string;
  path: string;
  requestId: string;
  idempotencyKey: string | undefined;
  status: number | undefined;
  outcome: 'success' | 'failure';
  errorCode: string | undefined;
  attempts: number;
  durationMs: number;
}

/** Calls the hook once per mutating call, after it settles, whatever the outcome. */
export class AuditPolicy implements Policy {
  readonly name = 'audit';
  constructor(private readonly hook: (record: AuditRecord) => void) {}

  async send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if (!isMutating(request.method) || request.context['audit'] === false) return next(request);
    const started = performance.now();
    const base = { timestamp: new Date().toISOString(), method: request.method, route: request.route, path: request.path, requestId: request.requestId };
    try {
      const response = await next(request);
      this.emit({ ...base, idempotencyKey: request.idempotencyKey, status: response.status, outcome: 'success', errorCode: undefined, attempts: request.attempt, durationMs: performance.now() - started });
      return response;
    } catch (error) {
      const e = error instanceof NovaCronError ? error : undefined;
      this.emit({ ...base, idempotencyKey: request.idempotencyKey, status: e?.status, outcome: 'failure', errorCode: e?.code ?? 'error', attempts: request.attempt, durationMs: performance.now() - started });
      throw error;
    }
  }

  private emit(record: AuditRecord): void {
    try {
      this.hook(record);
    } catch {
      // An audit sink that throws must not turn a successful call into a failed one.
    }
  }
}
