/** What the stream needs from a WebSocket; `ws` in Node and the native WebSocket in browsers provide it. */
export interface EventSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /** Drop the connection without a closing handshake (a dead peer would never answer one). */
  terminate(): void;
}

export interface EventSocketHandlers {
  open(): void;
  message(text: string): void;
  /** `status` is the HTTP status when the upgrade itself was refused (401, 400, …). */
  close(info: { code: number; reason: string; status?: number }): void;
  error(error: Error): void;
}

export interface EventSocketFactory {
  /** Browsers cannot set headers on a WebSocket; the token then goes in the first message. */
  readonly supportsHeaders: boolean;
  open(url: string, headers: Record<string, string>, handlers: EventSocketHandlers): EventSocket;
}
