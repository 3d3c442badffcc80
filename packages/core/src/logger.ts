import { redactValue } from './redact';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

/** pino-compatible: `logger.info({ route, status }, 'message')`. Pass a pino logger as is. */
export interface Logger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

/**
 * Wraps any Logger with a level gate and redaction, so whatever a policy logs, a secret that
 * slipped into the fields is masked before it reaches the user's sink.
 */
export function createLogger(level: LogLevel, sink: Logger = consoleSink): Logger {
  const rank = RANK[level];
  const at = (lvl: Exclude<LogLevel, 'silent'>) =>
    rank >= RANK[lvl] ? (obj: object, msg?: string) => sink[lvl](redactValue(obj) as object, msg) : noop;
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

export function isLevelEnabled(level: LogLevel, wanted: Exclude<LogLevel, 'silent'>): boolean {
  return RANK[level] >= RANK[wanted];
}

function noop(): void {}

const consoleSink: Logger = {
  error: (obj, msg) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
  warn: (obj, msg) => console.error(JSON.stringify({ level: 'warn', msg, ...obj })),
  info: (obj, msg) => console.error(JSON.stringify({ level: 'info', msg, ...obj })),
  debug: (obj, msg) => console.error(JSON.stringify({ level: 'debug', msg, ...obj })),
};
