import * as z from 'zod/mini';

/** A code from an authenticator app: six digits (RFC 6238, as upstream's two_factor_service issues). */
export const TotpCodeSchema = z.string().check(z.regex(/^\d{6}$/, 'must be the 6-digit code from the authenticator app'));

/** A one-time backup code as handed out at setup or regeneration. */
export const BackupCodeSchema = z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(64, 'must be at most 64 characters'));

export const TwoFactorSetupInputSchema = z.optional(
  z.object({ accountName: z.optional(z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(128, 'must be at most 128 characters'))) }),
);
export type TwoFactorSetupInput = NonNullable<z.input<typeof TwoFactorSetupInputSchema>>;

export const TwoFactorVerifyInputSchema = z.union([
  z.object({ code: TotpCodeSchema, backupCode: z.optional(z.literal(false)) }),
  z.object({ code: BackupCodeSchema, backupCode: z.literal(true) }),
]);
export type TwoFactorVerifyInput = z.input<typeof TwoFactorVerifyInputSchema>;

export const TwoFactorSetupWireSchema = z.looseObject({
  secret: z.string(),
  qr_code_url: z.string(),
  backup_codes: z.array(z.string()),
  manual_entry_key: z.optional(z.string()),
});

export interface TwoFactorSetup {
  /** Base32 TOTP secret; treat it like a password. */
  secret: string;
  /** `otpauth://totp/…` for an authenticator app (render it as a QR code). */
  otpauthUrl: string;
  /** One-time codes for when the authenticator is lost. Shown once; store them safely. */
  backupCodes: string[];
  /** The secret grouped for typing by hand. */
  manualEntryKey: string;
}

export function twoFactorSetupFromWire(wire: z.infer<typeof TwoFactorSetupWireSchema>): TwoFactorSetup {
  return { secret: wire.secret, otpauthUrl: wire.qr_code_url, backupCodes: [...wire.backup_codes], manualEntryKey: wire.manual_entry_key ?? wire.secret };
}

/** What `twoFactor.qr()` answers: the server's QR code image of the otpauth URL. */
export interface TwoFactorQrCode {
  /**
   * The PNG file, byte for byte (it starts with the PNG signature `89 50 4E 47 0D 0A 1A 0A`):
   * write it to a `.png` file, or show it in a page with `URL.createObjectURL(new Blob([png], { type: contentType }))`.
   * It encodes the secret: treat it like one.
   */
  png: Uint8Array;
  /** The media type the server sent: `image/png`. */
  contentType: string;
}

export const TwoFactorVerifyWireSchema = z.looseObject({
  valid: z.boolean(),
  remaining_backup_codes: z.optional(z.number()),
  error: z.optional(z.string()),
});

export interface TwoFactorVerification {
  valid: boolean;
  /** Backup codes left after this one was used; null when a TOTP code was checked. */
  remainingBackupCodes: number | null;
  /** Why the code was refused, when it was. */
  error: string | null;
}

export function twoFactorVerificationFromWire(wire: z.infer<typeof TwoFactorVerifyWireSchema>): TwoFactorVerification {
  return { valid: wire.valid, remainingBackupCodes: wire.remaining_backup_codes ?? null, error: wire.error ?? null };
}

export const TwoFactorChangeWireSchema = z.looseObject({ success: z.boolean(), message: z.optional(z.string()) });

export const TwoFactorStatusWireSchema = z.looseObject({
  enabled: z.boolean(),
  setup: z.boolean(),
  setup_at: z.optional(z.nullable(z.string())),
  last_used: z.optional(z.nullable(z.string())),
  algorithm: z.optional(z.string()),
  digits: z.optional(z.number()),
  period: z.optional(z.number()),
});

export interface TwoFactorStatus {
  enabled: boolean;
  /** A secret was set up (it may not be enabled yet). */
  setup: boolean;
  setupAt: string | null;
  lastUsed: string | null;
  algorithm: string | null;
  digits: number | null;
  period: number | null;
}

export function twoFactorStatusFromWire(wire: z.infer<typeof TwoFactorStatusWireSchema>): TwoFactorStatus {
  return {
    enabled: wire.enabled,
    setup: wire.setup,
    setupAt: wire.setup_at ?? null,
    lastUsed: wire.last_used ?? null,
    algorithm: wire.algorithm ?? null,
    digits: wire.digits ?? null,
    period: wire.period ?? null,
  };
}

export const BackupCodesWireSchema = z.looseObject({ backup_codes: z.array(z.string()) });
