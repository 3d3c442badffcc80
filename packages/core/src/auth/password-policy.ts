/**
 * Upstream's password policy (node runtime `DefaultAuthConfiguration`, backend/core/auth/auth.go):
 * at least 8 characters with an upper-case letter, a lower-case letter, a digit and a special
 * character. The SDK checks it before sending and the simulator enforces the same function, so
 * the two cannot disagree. The upper bound only keeps absurd inputs off the wire.
 */
export const PASSWORD_POLICY = {
  minLength: 8,
  maxLength: 128,
  requireUppercase: true,
  requireLowercase: true,
  requireDigit: true,
  requireSpecial: true,
} as const;

/** What is wrong with `password` under the policy; empty when it is acceptable. Never echoes the password. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_POLICY.minLength) problems.push(`must be at least ${PASSWORD_POLICY.minLength} characters`);
  if (password.length > PASSWORD_POLICY.maxLength) problems.push(`must be at most ${PASSWORD_POLICY.maxLength} characters`);
  if (!/[A-Z]/.test(password)) problems.push('must contain an upper-case letter');
  if (!/[a-z]/.test(password)) problems.push('must contain a lower-case letter');
  if (!/[0-9]/.test(password)) problems.push('must contain a digit');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('must contain a special character');
  return problems;
}
