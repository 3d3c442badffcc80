import { createLogger, REDACTED, type Logger } from '../src';
import { redactHeaders, redactText, redactValue } from '../src/redact';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyX2lkIjoiMSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redaction', () => {
  it('masks credentials in headers, text and nested values', () => {
    expect(redactHeaders({ authorization: `Bearer ${jwt}`, accept: 'json' })).toEqual({ authorization: REDACTED, accept: 'json' });
    expect(redactText(`failed with Bearer abc.def and ${jwt}`)).not.toMatch(/abc\.def|eyJ/);
    const value = redactValue({ user: { password: 'p', name: 'n' }, refreshToken: 'r', list: [{ api_key: 'k' }], note: `token ${jwt}` });
    expect(JSON.stringify(value)).not.toMatch(/"p"|"r"|"k"|eyJ/);
    expect((value as { user: { name: string } }).user.name).toBe('n');
  });

  it('the logger masks whatever a caller logs, and respects the level', () => {
    const lines: unknown[] = [];
    const sink: Logger = { error: (o) => lines.push(o), warn: (o) => lines.push(o), info: (o) => lines.push(o), debug: (o) => lines.push(o) };
    const logger = createLogger('info', sink);
    logger.info({ headers: { authorization: `Bearer ${jwt}` }, password: 'hunter2' });
    logger.debug({ dropped: true });
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toMatch(/hunter2|eyJ/);
  });

  it('masks secrets and nothing else: the list of what is masked and what stays readable', () => {
    const masked = {
      password: 'hunter2',
      new_password: 'x',
      passphrase: 'x',
      client_secret: 'x',
      token: 'x',
      accessToken: 'x',
      refresh_token: 'x',
      refreshToken: 'x',
      temp_token: 'x',
      id_token: 'x',
      api_key: 'x',
      apiKey: 'x',
      'x-api-key': 'x',
      authorization: 'x',
      'proxy-authorization': 'x',
      cookie: 'x',
      'set-cookie': 'x',
      otp: '123456',
      totp_code: '123456',
      code: '123456',
      private_key: 'x',
    };
    const readable = {
      code: 'not_found',
      error: { code: 'invalid_request', message: 'm' },
      error_code: 'vm_busy',
      country_code: 'DE',
      zip_code: '10115',
      status_code: 404,
      nested: { code: 404 },
      tokens_used: 1200,
      token_count: 3,
      max_tokens: 4096,
      password_policy: 'min 8',
      encoding: 'utf-8',
      barcode: 'b',
      keyboard: 'k',
      passengers: 2,
    };
    const out = redactValue({ ...masked }) as Record<string, unknown>;
    expect(Object.keys(masked).filter((k) => out[k] !== REDACTED)).toEqual([]);
    expect(redactValue(readable)).toEqual(readable);
    expect(redactHeaders({ 'x-api-key': 'k', cookie: 'c', 'x-request-id': 'r', 'content-type': 'json' })).toEqual({
      'x-api-key': REDACTED,
      cookie: REDACTED,
      'x-request-id': 'r',
      'content-type': 'json',
    });
  });
});
