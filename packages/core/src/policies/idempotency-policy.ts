import { randomId } from '../internal/random-id';
import type { Policy, SendNext } from '../pipeline';
import type { NovaRequest, NovaResponse } from '../request';

/**
 * POST and PATCH get an Idempotency-Key before the first attempt (the caller's wins), so every
 * retry carries the same key and the server can replay instead of acting twice.
 */
export class IdempotencyPolicy implements Policy {
  readonly name = 'idempotency';
  send(request: NovaRequest, next: SendNext): Promise<NovaResponse> {
    if ((request.method === 'POST' || request.method === 'PATCH') && request.idempotencyKey === undefined) {
      request.idempotencyKey = `novacron-js-${randomId()}`;
    }
    if (request.idempotencyKey !== undefined) request.headers['idempotency-key'] = request.idempotencyKey;
    return next(request);
  }
}
