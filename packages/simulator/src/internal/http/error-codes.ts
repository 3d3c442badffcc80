/**
 * Every `error.code` the simulator answers with. `HttpError` only takes one of these, so the
 * compiler refuses a code nobody documented, and docs/api/README.md's table is rendered from this
 * list (`pnpm --filter @novacron/simulator openapi`; a test fails when the two drift).
 */
export const ERROR_CODES = {
  validation_error: { status: '400', meaning: 'the body, query or path failed its schema; `details` names each field' },
  invalid_json: { status: '400', meaning: 'the body is not JSON' },
  invalid_request: { status: '400', meaning: 'a required field of login, 2FA completion or refresh is missing, or 2FA is not set up' },
  unauthorized: { status: '401', meaning: 'no `Authorization: Bearer` token' },
  invalid_token: { status: '401, 400', meaning: 'the token is malformed, forged or its user is gone (400: an invalid password-reset token)' },
  token_expired: { status: '401', meaning: 'the access token has expired; refresh it' },
  session_revoked: { status: '401', meaning: 'the session was logged out or revoked, or its user deactivated' },
  two_factor_required: { status: '401', meaning: 'a 2FA `temp_token` was used as an access token' },
  invalid_credentials: { status: '401', meaning: 'wrong login or password' },
  invalid_temp_token: { status: '401', meaning: 'the 2FA `temp_token` is invalid or expired' },
  invalid_2fa_code: { status: '401', meaning: 'wrong TOTP or backup code' },
  invalid_refresh_token: { status: '401', meaning: 'the refresh token is unknown or expired' },
  refresh_token_reused: { status: '401', meaning: 'a rotated refresh token was presented again; the whole session is revoked' },
  forbidden: { status: '403', meaning: 'the caller’s role is too low' },
  not_found: { status: '404', meaning: 'no such resource in the caller’s tenant' },
  conflict: { status: '409', meaning: 'the change clashes with existing state (an email already in use, 2FA already enabled, changing yourself)' },
  invalid_state: { status: '409', meaning: 'the VM or migration is in a state that does not allow this' },
  insufficient_capacity: { status: '409', meaning: 'no node has room for the VM' },
  invalid_target: { status: '409', meaning: 'the migration target is where the VM already is (its node or cluster)' },
  node_unavailable: { status: '409', meaning: 'the node is offline or not schedulable' },
  no_feasible_node: { status: '409', meaning: 'placement found no node that passes every filter' },
  cluster_unavailable: { status: '409', meaning: 'the federated cluster is unhealthy or unreachable' },
  compliance_violation: { status: '409', meaning: 'the move breaks a residency or compliance rule of the VM' },
  idempotency_in_progress: { status: '409', meaning: 'a request with this `Idempotency-Key` is still running; see `Retry-After`' },
  precondition_failed: { status: '412', meaning: '`If-Match` no longer matches the resource’s ETag' },
  payload_too_large: { status: '413', meaning: 'the body exceeds the size limit' },
  idempotency_key_reused: { status: '422', meaning: 'the `Idempotency-Key` was used with a different request' },
  rate_limited: { status: '429', meaning: 'too many requests (fault injection); see `Retry-After`' },
  internal_error: { status: '500', meaning: 'an unexpected failure (or an injected 5xx)' },
  service_unavailable: { status: '503', meaning: 'injected unavailability; see `Retry-After`' },
  gateway_timeout: { status: '504', meaning: 'injected gateway timeout' },
  injected_fault: { status: 'any', meaning: 'any other status injected by a fault rule' },
} as const satisfies Record<string, { status: string; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODES_START = '<!-- error-codes:start -->';
export const ERROR_CODES_END = '<!-- error-codes:end -->';

/** docs/api/README.md's error-code table, between its markers. */
export function renderErrorCodeTable(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, { status, meaning }]) => `| \`${code}\` | ${status} | ${meaning} |`);
  return [ERROR_CODES_START, '| code | status | meaning |', '|---|---|---|', ...rows, ERROR_CODES_END].join('\n');
}

/** Replaces the table between the markers of `markdown` with the current one. */
export function withErrorCodeTable(markdown: string): string {
  const start = markdown.indexOf(ERROR_CODES_START);
  const end = markdown.indexOf(ERROR_CODES_END);
  if (start < 0 || end < start) throw new Error(`docs/api/README.md has no ${ERROR_CODES_START} … ${ERROR_CODES_END} section`);
  return markdown.slice(0, start) + renderErrorCodeTable() + markdown.slice(end + ERROR_CODES_END.length);
}
