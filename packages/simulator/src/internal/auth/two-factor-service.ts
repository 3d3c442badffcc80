import QRCode from 'qrcode';
import { generateTotpSecret, verifyTotp } from '../../totp';
import { HttpError } from '../http/http-error';
import type { World } from '../world/world';
import type { Principal, UserRecord } from './auth-service';

const BACKUP_CODE_COUNT = 10;

/**
 * Two-factor management for the signed-in user (upstream `/api/auth/2fa/*`, two_factor_service.go):
 * setup makes a pending secret and backup codes, enable confirms it with a first code, and from
 * then on login asks for a second factor; disable forgets it all.
 */
export class TwoFactorService {
  constructor(private readonly world: World) {}

  setup(principal: Principal, accountName: string | undefined): Record<string, unknown> {
    const user = this.user(principal);
    if (user.totpSecret) throw new HttpError(409, 'conflict', 'two-factor authentication is already enabled; disable it first');
    const secret = generateTotpSecret();
    user.pendingTotpSecret = secret;
    user.twoFactorSetupAt = this.world.now();
    user.backupCodes = this.newBackupCodes();
    user.otpauthUrl = otpauthUrl(accountName ?? user.email, secret);
    return { secret, qr_code_url: user.otpauthUrl, backup_codes: [...user.backupCodes], manual_entry_key: groups(secret) };
  }

  /**
   * A PNG QR code of the otpauth URL `setup` answered (the same string, account name included), as
   * upstream's `/2fa/qr` answers `image/png`. A user seeded with a secret, who never ran setup, gets
   * the URL for their email.
   */
  async qr(principal: Principal): Promise<Buffer> {
    const user = this.user(principal);
    const secret = user.pendingTotpSecret ?? user.totpSecret;
    if (!secret) throw new HttpError(404, 'not_found', 'two-factor authentication is not set up');
    const url = user.otpauthUrl ?? otpauthUrl(user.email, secret);
    // Medium error correction, as upstream renders it; 4 modules of quiet zone, 4 pixels a module.
    return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 });
  }

  /** Upstream answers 200 with `valid:false` for a wrong code rather than an error status. */
  verify(principal: Principal, code: string, isBackupCode: boolean): Record<string, unknown> {
    const user = this.user(principal);
    const secret = user.totpSecret ?? user.pendingTotpSecret;
    if (!secret) return { valid: false, error: 'two-factor authentication is not set up' };
    if (isBackupCode) {
      if (!this.world.auth.useBackupCode(user, code)) return { valid: false, error: 'invalid backup code' };
      this.world.security.accountChange('backup_code_used', principal, user, `${user.email} used a backup code`);
      return { valid: true, remaining_backup_codes: user.backupCodes.length };
    }
    if (!verifyTotp(secret, code)) return { valid: false, error: 'invalid two-factor code' };
    user.twoFactorLastUsed = this.world.now();
    return { valid: true };
  }

  enable(principal: Principal, code: string): Record<string, unknown> {
    const user = this.user(principal);
    if (user.totpSecret) return { success: true, message: 'two-factor authentication is already enabled' };
    if (!user.pendingTotpSecret) throw new HttpError(400, 'invalid_request', 'two-factor authentication is not set up; call /api/auth/2fa/setup first');
    if (!verifyTotp(user.pendingTotpSecret, code)) throw new HttpError(400, 'invalid_2fa_code', 'invalid two-factor code');
    user.totpSecret = user.pendingTotpSecret;
    user.pendingTotpSecret = undefined;
    user.twoFactorLastUsed = this.world.now();
    this.world.security.accountChange('two_factor_enabled', principal, user, `${user.email} enabled two-factor authentication`);
    return { success: true, message: 'two-factor authentication enabled' };
  }

  disable(principal: Principal): Record<string, unknown> {
    const user = this.user(principal);
    const wasOn = user.totpSecret !== undefined;
    user.totpSecret = undefined;
    user.pendingTotpSecret = undefined;
    user.twoFactorSetupAt = undefined;
    user.twoFactorLastUsed = undefined;
    user.otpauthUrl = undefined;
    user.backupCodes = [];
    if (wasOn) this.world.security.accountChange('two_factor_disabled', principal, user, `${user.email} disabled two-factor authentication`);
    return { success: true, message: 'two-factor authentication disabled' };
  }

  status(principal: Principal): Record<string, unknown> {
    const user = this.user(principal);
    const setup = user.totpSecret !== undefined || user.pendingTotpSecret !== undefined;
    return {
      enabled: user.totpSecret !== undefined,
      setup,
      ...(user.twoFactorSetupAt !== undefined && { setup_at: user.twoFactorSetupAt }),
      ...(user.twoFactorLastUsed !== undefined && { last_used: user.twoFactorLastUsed }),
      ...(setup && { algorithm: 'SHA1', digits: 6, period: 30 }),
    };
  }

  backupCodes(principal: Principal): Record<string, unknown> {
    return { backup_codes: [...this.user(principal).backupCodes] };
  }

  regenerateBackupCodes(principal: Principal): Record<string, unknown> {
    const user = this.user(principal);
    if (!user.totpSecret && !user.pendingTotpSecret) throw new HttpError(400, 'invalid_request', 'two-factor authentication is not set up');
    user.backupCodes = this.newBackupCodes();
    this.world.security.accountChange('backup_codes_regenerated', principal, user, `${user.email} regenerated backup codes`);
    return { backup_codes: [...user.backupCodes] };
  }

  private user(principal: Principal): UserRecord {
    const user = this.world.auth.userById(principal.userId);
    if (!user) throw new HttpError(401, 'invalid_token', 'invalid or expired token');
    return user;
  }

  /** `xxxx-xxxx` hex codes: they never look like a 6-digit TOTP code, so a login can tell them apart. */
  private newBackupCodes(): string[] {
    const codes: string[] = [];
    while (codes.length < BACKUP_CODE_COUNT) {
      const code = `${this.world.random.hex(4)}-${this.world.random.hex(4)}`;
      if (!codes.includes(code)) codes.push(code);
    }
    return codes;
  }
}

function otpauthUrl(account: string, secret: string): string {
  const label = encodeURIComponent(`NovaCron:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=NovaCron&algorithm=SHA1&digits=6&period=30`;
}

function groups(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}
