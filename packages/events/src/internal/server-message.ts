import { ResponseValidationError } from '@novacron/core';

/** What the events server says, checked for the fields the stream relies on. */
export type ServerMessage =
  | { type: 'events'; events: unknown[] }
  | { type: 'welcome'; epoch: string; lastSeq: number; tenantId: string }
  | { type: 'bookmark'; epoch: string; seq: number }
  | { type: 'reset'; epoch: string; seq: number; reason: string }
  | { type: 'error'; code: string; message: string }
  | { type: 'ignored' };

/** A protocol violation: `cause` itself when it already is one. */
export function protocolError(text: string, cause?: unknown): ResponseValidationError {
  return cause instanceof ResponseValidationError ? cause : new ResponseValidationError(text, [], { cause });
}

/**
 * Reads one frame. Events stay raw: the stream converts them one by one, so the events before a
 * malformed one in a frame are still delivered. Throws a ResponseValidationError on a bad frame.
 */
export function parseServerMessage(text: string): ServerMessage {
  let message: { type?: unknown; [key: string]: unknown };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { type?: unknown }).type !== 'string') {
      throw new Error('not an object with a type');
    }
    message = parsed as typeof message;
  } catch (cause) {
    throw protocolError('Malformed frame on the event stream.', cause);
  }
  switch (message.type) {
    case 'events':
      if (!Array.isArray(message.events)) throw protocolError('Malformed events frame: events is not a list.');
      return { type: 'events', events: message.events };
    case 'welcome': {
      const { epoch, last_seq: lastSeq, tenant_id: tenantId } = message;
      if (typeof epoch !== 'string' || typeof lastSeq !== 'number') throw protocolError('Malformed welcome message.');
      return { type: 'welcome', epoch, lastSeq, tenantId: typeof tenantId === 'string' ? tenantId : '' };
    }
    case 'bookmark':
      return bookmark(message);
    case 'subscribed':
      // Carries the position where the new filter took over; treat it like a bookmark.
      return typeof message.seq === 'number' ? bookmark(message) : { type: 'ignored' };
    case 'reset': {
      const { epoch, seq, reason } = message;
      if (typeof epoch !== 'string' || typeof seq !== 'number') throw protocolError('Malformed reset message.');
      return { type: 'reset', epoch, seq, reason: typeof reason === 'string' ? reason : 'reset' };
    }
    case 'error':
      return { type: 'error', code: String(message.code ?? 'server_error'), message: String(message.message ?? message.code) };
    default:
      return { type: 'ignored' }; // pong and types added later need nothing beyond the activity mark
  }
}

function bookmark(message: Record<string, unknown>): ServerMessage {
  const { epoch, seq } = message;
  if (typeof epoch !== 'string' || typeof seq !== 'number') throw protocolError('Malformed bookmark message.');
  return { type: 'bookmark', epoch, seq };
}
