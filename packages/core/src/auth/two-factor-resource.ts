import type { CoreClient } from '../core-client';
import { validateInput } from '../input-validation';
import type { RequestOptions } from '../request';
import {
  BackupCodesWireSchema,
  TotpCodeSchema,
  TwoFactorChangeWireSchema,
  TwoFactorQrWireSchema,
  TwoFactorSetupInputSchema,
  TwoFactorSetupWireSchema,
  TwoFactorStatusWireSchema,
  TwoFactorVerifyInputSchema,
  TwoFactorVerifyWireSchema,
  twoFactorSetupFromWire,
  twoFactorStatusFromWire,
  twoFactorVerificationFromWire,
  type TwoFactorSetup,
  type TwoFactorSetupInput,
  type TwoFactorStatus,
  type TwoFactorVerification,
  type TwoFactorVerifyInput,
} from './two-factor-schemas';

/**
 * The signed-in user's second factor (upstream `/api/auth/2fa/*`): `setup` makes a TOTP secret,
 * `enable` turns it on with a first code, after which login asks for a code (the client's
 * `twoFactor` callback); `disable`, `status` and backup codes complete it.
 */
export class TwoFactorResource {
  constructor(private readonly core: CoreClient) {}

  /** A new secret, its otpauth URL and fresh backup codes. Nothing changes for login until `enable`. */
  async setup(input: TwoFactorSetupInput = {}, options?: RequestOptions): Promise<TwoFactorSetup> {
    const p = validateInput(TwoFactorSetupInputSchema, input, 'two-factor setup') ?? {};
    const body = p.accountName !== undefined ? { account_name: p.accountName } : {};
    return twoFactorSetupFromWire(await this.core.request({ method: 'POST', path: '/api/auth/2fa/setup', body, schema: TwoFactorSetupWireSchema }, options));
  }

  /**
   * The otpauth URL of the secret set up last, to render as a QR code. Upstream's server answers
   * this route with a PNG; the simulator (and this method) use JSON.
   */
  async qr(options?: RequestOptions): Promise<{ otpauthUrl: string; manualEntryKey: string | null }> {
    const wire = await this.core.request({ method: 'GET', path: '/api/auth/2fa/qr', schema: TwoFactorQrWireSchema }, options);
    return { otpauthUrl: wire.qr_code_url, manualEntryKey: wire.manual_entry_key ?? null };
  }

  /** Check a code (or, with `backupCode: true`, use up a backup code) without logging in. */
  async verify(input: TwoFactorVerifyInput, options?: RequestOptions): Promise<TwoFactorVerification> {
    const p = validateInput(TwoFactorVerifyInputSchema, input, 'two-factor code');
    const body = p.backupCode ? { code: p.code, is_backup_code: true } : { code: p.code };
    return twoFactorVerificationFromWire(await this.core.request({ method: 'POST', path: '/api/auth/2fa/verify', body, schema: TwoFactorVerifyWireSchema }, options));
  }

  /** Turn the second factor on, proving the authenticator works with its current code. */
  async enable(code: string, options?: RequestOptions): Promise<void> {
    const checked = validateInput(TotpCodeSchema, code, 'two-factor code');
    await this.core.request({ method: 'POST', path: '/api/auth/2fa/enable', body: { code: checked }, schema: TwoFactorChangeWireSchema }, options);
  }

  /** Turn the second factor off; the secret and backup codes are forgotten. */
  async disable(options?: RequestOptions): Promise<void> {
    await this.core.request({ method: 'POST', path: '/api/auth/2fa/disable', body: {}, schema: TwoFactorChangeWireSchema }, options);
  }

  async status(options?: RequestOptions): Promise<TwoFactorStatus> {
    return twoFactorStatusFromWire(await this.core.request({ method: 'GET', path: '/api/auth/2fa/status', schema: TwoFactorStatusWireSchema }, options));
  }

  /** The backup codes not used yet. */
  async backupCodes(options?: RequestOptions): Promise<string[]> {
    return [...(await this.core.request({ method: 'GET', path: '/api/auth/2fa/backup-codes', schema: BackupCodesWireSchema }, options)).backup_codes];
  }

  /** Replace every backup code with a fresh set; the old ones stop working. */
  async regenerateBackupCodes(options?: RequestOptions): Promise<string[]> {
    return [...(await this.core.request({ method: 'POST', path: '/api/auth/2fa/backup-codes', body: {}, schema: BackupCodesWireSchema }, options)).backup_codes];
  }
}
