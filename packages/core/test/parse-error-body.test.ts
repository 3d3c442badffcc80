import { parseErrorBody } from '../src/internal/parse-error-body';

describe('parseErrorBody', () => {
  it.each([
    [{ error: 'vm not found' }, 404, { message: 'vm not found', code: undefined }],
    [{ error: { code: 'invalid_state', message: 'cannot pause a VM in state stopped' } }, 409, { message: 'cannot pause a VM in state stopped', code: 'invalid_state' }],
    [{ message: 'quota exceeded', code: 'QUOTA_EXCEEDED' }, 409, { message: 'quota exceeded', code: 'QUOTA_EXCEEDED' }],
    [{ error: 'not_implemented', message: 'VM console is not supported' }, 501, { message: 'VM console is not supported', code: 'not_implemented' }],
    ['404 page not found\n', 404, { message: '404 page not found', code: undefined }],
    ['', 405, { message: 'HTTP 405', code: undefined }],
    [undefined, 502, { message: 'HTTP 502', code: undefined }],
    [{ unexpected: true }, 500, { message: 'HTTP 500', code: undefined }],
    [[1, 2], 400, { message: 'HTTP 400', code: undefined }],
  ])('folds %j (status %i) into one shape', (body, status, expected) => {
    expect(parseErrorBody(body, status)).toEqual(expected);
  });

  it('bounds a long text body to its first line', () => {
    expect(parseErrorBody('x'.repeat(5_000), 500).message).toHaveLength(300);
    expect(parseErrorBody('first line\nsecond line', 502).message).toBe('first line');
  });

  it('names an HTML page by its title, on one line', () => {
    const page = '<!doctype html>\n<html><head><title>\n  Service   Unavailable </title></head><body><h1>503</h1></body></html>';
    expect(parseErrorBody(page, 503).message).toBe('Service Unavailable (an HTML page)');
    expect(parseErrorBody('<html><body>no title</body></html>', 500).message).toBe('HTTP 500 (an HTML page)');
  });
});
