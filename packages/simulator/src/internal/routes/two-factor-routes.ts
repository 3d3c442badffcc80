import * as z from 'zod';
import { ErrorWireSchema } from '../http/error-schema';
import { defineRoute, type RouteDefinition } from '../http/route-definition';

const SetupRequestSchema = z.object({
  account_name: z.string().min(1).max(128).optional().describe('label in the authenticator app; default the email'),
  user_id: z.string().optional().describe('ignored: the caller is the user'),
});
const CodeRequestSchema = z.object({ code: z.string().min(1).max(64), is_backup_code: z.boolean().optional() });
const EnableRequestSchema = z.object({ code: z.string().regex(/^\d{6}$/, 'must be a 6-digit code') });
const ChangeSchema = z.object({ success: z.literal(true), message: z.string() });
const BackupCodesSchema = z.object({ backup_codes: z.array(z.string()) });

export const twoFactorRoutes: RouteDefinition[] = [
  defineRoute<z.infer<typeof SetupRequestSchema>>({
    method: 'POST',
    path: '/api/auth/2fa/setup',
    mount: 'root',
    access: 'authenticated',
    operationId: 'setupTwoFactor',
    summary: 'Make a TOTP secret and backup codes; login is unchanged until /2fa/enable',
    tag: 'two-factor',
    body: SetupRequestSchema,
    responses: {
      200: {
        description: 'the secret, its otpauth URL, backup codes',
        schema: z.object({ secret: z.string(), qr_code_url: z.string().describe('otpauth://totp/…'), backup_codes: z.array(z.string()), manual_entry_key: z.string() }),
      },
      409: { description: 'two-factor authentication is already enabled', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, body }) => ({ status: 200, body: world.twoFactor.setup(principal, body.account_name) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/auth/2fa/qr',
    mount: 'root',
    access: 'authenticated',
    operationId: 'twoFactorQr',
    summary: 'A PNG QR code of the otpauth URL that /2fa/setup answered, for an authenticator app to scan',
    tag: 'two-factor',
    responses: {
      200: { description: 'the QR code', contentType: 'image/png' },
      404: { description: 'two-factor authentication is not set up (not_found)', schema: ErrorWireSchema },
    },
    handle: async ({ world, principal }) => ({ status: 200, contentType: 'image/png', headers: { 'Cache-Control': 'no-store' }, body: await world.twoFactor.qr(principal) }),
  }),
  defineRoute<z.infer<typeof CodeRequestSchema>>({
    method: 'POST',
    path: '/api/auth/2fa/verify',
    mount: 'root',
    access: 'authenticated',
    operationId: 'verifyTwoFactor',
    summary: 'Check a TOTP code, or use up a backup code (`is_backup_code`); a wrong code is `valid: false`, not an error',
    tag: 'two-factor',
    body: CodeRequestSchema,
    responses: {
      200: { description: 'verdict', schema: z.object({ valid: z.boolean(), remaining_backup_codes: z.number().int().optional(), error: z.string().optional() }) },
    },
    handle: ({ world, principal, body }) => ({ status: 200, body: world.twoFactor.verify(principal, body.code, body.is_backup_code === true) }),
  }),
  defineRoute<z.infer<typeof EnableRequestSchema>>({
    method: 'POST',
    path: '/api/auth/2fa/enable',
    mount: 'root',
    access: 'authenticated',
    operationId: 'enableTwoFactor',
    summary: 'Turn the second factor on with a current code; later logins answer requires_2fa',
    tag: 'two-factor',
    body: EnableRequestSchema,
    responses: {
      200: { description: 'enabled', schema: ChangeSchema },
      400: { description: 'not set up, or a wrong code (invalid_2fa_code)', schema: ErrorWireSchema },
    },
    handle: ({ world, principal, body }) => ({ status: 200, body: world.twoFactor.enable(principal, body.code) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/2fa/disable',
    mount: 'root',
    access: 'authenticated',
    operationId: 'disableTwoFactor',
    summary: 'Turn the second factor off and forget the secret and backup codes',
    tag: 'two-factor',
    responses: { 200: { description: 'disabled', schema: ChangeSchema } },
    handle: ({ world, principal }) => ({ status: 200, body: world.twoFactor.disable(principal) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/auth/2fa/status',
    mount: 'root',
    access: 'authenticated',
    operationId: 'twoFactorStatus',
    summary: "The caller's second-factor status",
    tag: 'two-factor',
    responses: {
      200: {
        description: 'status',
        schema: z.object({
          enabled: z.boolean(),
          setup: z.boolean(),
          setup_at: z.string().optional(),
          last_used: z.string().optional(),
          algorithm: z.string().optional(),
          digits: z.number().int().optional(),
          period: z.number().int().optional(),
        }),
      },
    },
    handle: ({ world, principal }) => ({ status: 200, body: world.twoFactor.status(principal) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/auth/2fa/backup-codes',
    mount: 'root',
    access: 'authenticated',
    operationId: 'listBackupCodes',
    summary: 'The backup codes not used yet',
    tag: 'two-factor',
    responses: { 200: { description: 'codes', schema: BackupCodesSchema } },
    handle: ({ world, principal }) => ({ status: 200, body: world.twoFactor.backupCodes(principal) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/auth/2fa/backup-codes',
    mount: 'root',
    access: 'authenticated',
    operationId: 'regenerateBackupCodes',
    summary: 'Replace every backup code with a fresh set',
    tag: 'two-factor',
    responses: { 200: { description: 'the new codes', schema: BackupCodesSchema } },
    handle: ({ world, principal }) => ({ status: 200, body: world.twoFactor.regenerateBackupCodes(principal) }),
  }),
];
