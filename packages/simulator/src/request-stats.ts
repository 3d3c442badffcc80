/** Counters of what reached the server, so tests can assert exactly how many calls were made. */
export interface RequestStats {
  /** Every request, including preflights, 404s and faulted ones. */
  requests: number;
  /** Per matched route key, e.g. `'POST /vms'`, `'GET /vms/{id}'`, `'POST /api/auth/login'`. */
  byRoute: Record<string, number>;
  /** Successful logins (including completed 2FA logins). */
  logins: number;
  refreshes: number;
  vmsCreated: number;
}

export function emptyStats(): RequestStats {
  return { requests: 0, byRoute: {}, logins: 0, refreshes: 0, vmsCreated: 0 };
}
