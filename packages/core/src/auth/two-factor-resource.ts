import type { CoreClient } from '../core-client';
import { ResponseValidationError } from '../errors';
import { validateInput } from '../input-validation';
import type { RequestOptions } from '../request';
import {
  BackupCodesWireSchema,
  TotpCodeSchema,
  TwoFactorChangeWireSchema,
  TwoFactorSetupInputSchema,
  TwoFactorSetupWireSchema,
  TwoFactorStatusWireSchema,
  TwoFactorVerifyInputSchema,
  TwoFactorVerifyWireSchema,
  twoFactorSetupFromWire,
  twoFactorStatusFromWire,
  twoFactorVerificationFromWire,
  type TwoFactorQrCode,
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
   * The QR code of the secret set up last, as the PNG image the server renders (`GET
   * /api/auth/2fa/qr`, `image/png`), for a person to scan with an authenticator app. The URL it
   * encodes is `setup()`'s `otpauthUrl`. Never cached (it encodes the secret); read under
   * `maxResponseBytes` like any answer.
   *
   * @returns `{ png, contentType }`: the PNG file's bytes and the media type the server sent.
   * @throws NotFoundError when two-factor authentication is not set up.
   * @throws ResponseValidationError when the answer is not a PNG image.
   * @throws ResponseTooLargeError when the image is larger than `maxResponseBytes`.
   */
  async qr(options?: RequestOptions): Promise<TwoFactorQrCode> {
    const response = await this.core.send(
      { method: 'GET', path: '/api/auth/2fa/qr', responseType: 'bytes' },
      { ...options, cache: 'no-store', headers: { accept: 'image/png', ...options?.headers } },
    );
    const png = response.body as Uint8Array;
    if (!isPng(png)) {
      throw new ResponseValidationError(`The response of ${response.request.route} is not a PNG image.`, [], {
        requestId: response.requestId,
        code: 'malformed_response',
      });
    }
    return { png, contentType: response.headers['content-type'] ?? 'image/png' };
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

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return bytes.byteLength > PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}
