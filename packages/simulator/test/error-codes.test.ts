import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startSimulator, SimulatorClient, type Simulator } from '../src/index';
import { ERROR_CODES, withErrorCodeTable } from '../src/internal/http/error-codes';

const readme = () => readFileSync(resolve(__dirname, '../../../docs/api/README.md'), 'utf8');

/** The codes docs/api/README.md lists in its error-code table. */
function documentedCodes(): string[] {
  const text = readme();
  const start = text.indexOf('<!-- error-codes:start -->');
  const end = text.indexOf('<!-- error-codes:end -->');
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return [...text.slice(start, end).matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]!);
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 'error-codes' });
});
afterAll(() => sim.close());

describe('documented error codes', () => {
  it('every code the auth routes answer with is documented (login, 2FA completion and refresh without their fields: invalid_request)', async () => {
    const api = SimulatorClient.for(sim);
    const answers = [
      await api.call('POST', '/api/auth/login', { body: { email: 'admin@novacron.local' } }),
      await api.call('POST', '/api/auth/2fa/verify-login', { body: { temp_token: 'x' } }),
      await api.call('POST', '/api/auth/refresh', { body: {} }),
      await api.call('POST', '/api/auth/login', { body: { email: 'admin@novacron.local', password: 'wrong' } }),
      await api.call('POST', '/api/auth/login', { rawBody: '{"email":' }),
      await api.call('GET', '/api/v1/vms'),
      await api.call('GET', '/api/v1/vms', { token: 'not-a-jwt' }),
    ];
    const codes = answers.map((answer) => answer.body.error.code as string);
    expect(codes.slice(0, 3)).toEqual(['invalid_request', 'invalid_request', 'invalid_request']);
    const documented = new Set(documentedCodes());
    expect(codes.filter((code) => !documented.has(code))).toEqual([]);
  });

  it('docs/api/README.md lists exactly the simulator’s ERROR_CODES (regenerate with `pnpm --filter @novacron/simulator openapi`)', () => {
    expect(withErrorCodeTable(readme())).toBe(readme());
    expect(documentedCodes()).toEqual(Object.keys(ERROR_CODES));
  });
});
