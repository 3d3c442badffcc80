import { createLogger, redactHeaders, redactText, redactValue, REDACTED, type Logger } from '../src';

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
});
