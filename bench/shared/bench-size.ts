/**
 * BENCH_SHORT=1 (CI runs every documented bench command this way): one quick pass of every case, to
 * prove the command still runs. Its numbers mean nothing; a measurement uses the full sizes.
 */
export const SHORT = process.env['BENCH_SHORT'] === '1';

/** A size from its own variable if set, else the full size, or the short one under BENCH_SHORT=1. */
export function sized(variable: string, full: number, short: number): number {
  const raw = process.env[variable];
  return raw !== undefined && raw !== '' ? Number(raw) : SHORT ? short : full;
}
