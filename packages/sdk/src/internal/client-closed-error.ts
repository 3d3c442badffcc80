import { AbortError } from '@novacron/core';

/**
 * The client was closed: a call still running at `close()`'s deadline was aborted, or a call
 * was made after `close()`. An AbortError, so code that already treats aborts as final does here too.
 */
export class ClientClosedError extends AbortError {
  static override readonly kind: string = 'ClientClosedError';
  constructor(message = 'The client was closed.') {
    super(message, { code: 'client_closed' });
  }
}
