import * as z from 'zod';

/** Upstream's `frontendUser()` shape, with both tenant spellings. */
export const UserWireSchema = z.looseObject({
  id: z.string(),
  email: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  role: z.string(),
  roles: z.array(z.string()),
  tenantId: z.string(),
  tenant_id: z.string(),
  status: z.string(),
  two_factor_enabled: z.boolean(),
});

export const LoginRequestSchema = z.object({
  email: z.string().optional(),
  username: z.string().optional().describe('wins over email when both are given'),
  password: z.string().optional(),
});

export const SessionTokensSchema = z.object({
  token: z.string().describe('HS256 JWT access token; send as Authorization: Bearer'),
  refreshToken: z.string().describe('single-use: every refresh rotates it'),
  expiresAt: z.string().describe('RFC 3339 expiry of the access token'),
  user: UserWireSchema,
});

export const TwoFactorChallengeSchema = z.object({
  requires_2fa: z.literal(true),
  temp_token: z.string(),
  expiresAt: z.string(),
  user: UserWireSchema,
});

export const LoginResponseSchema = z.union([SessionTokensSchema, TwoFactorChallengeSchema]);

export const VerifyLoginRequestSchema = z.object({
  temp_token: z.string().optional(),
  code: z.string().optional().describe('6-digit TOTP code (RFC 6238, SHA-1, 30 s), or a backup code with is_backup_code'),
  is_backup_code: z.boolean().optional().describe('code is a one-time backup code (used up); without it a backup code is refused'),
  user_id: z.union([z.string(), z.number()]).optional().describe('when given, must be the user the temp_token was issued to'),
});

export const RefreshRequestSchema = z.object({ refreshToken: z.string().optional() });

export const LogoutResponseSchema = z.object({ success: z.literal(true) });

export const HealthSchema = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  timestamp: z.string(),
  version: z.string(),
  service: z.literal('novacron-simulator'),
  checks: z.record(z.string(), z.string()),
});

export const ApiInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  description: z.string(),
  endpoints: z.array(z.string()),
  compatibility_endpoints: z.array(z.string()),
  unsupported_endpoints: z.array(z.string()),
});
