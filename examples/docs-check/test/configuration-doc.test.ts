import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS_DIR, REPO_ROOT } from '../src/doc-samples';

describe('docs/configuration.md', () => {
  it('is what scripts/generate-config-docs.mjs makes from the code today', () => {
    const check = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/generate-config-docs.mjs'), '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('lists the variables the core and resilience read, with the core defaults', () => {
    const text = readFileSync(join(DOCS_DIR, 'configuration.md'), 'utf8');
    const row = (variable: string) => text.split('\n').find((line) => line.startsWith(`| \`${variable}\``)) ?? '';
    expect(row('NOVACRON_API_URL')).toContain('"http://localhost:8090"');
    expect(row('NOVACRON_TIMEOUT')).toContain('30000');
    expect(row('NOVACRON_MAX_RETRIES')).toContain('| 2 |');
    expect(row('NOVACRON_CIRCUIT_BREAKER_THRESHOLD')).toContain('| 5 |');
    expect(row('NOVACRON_REDIS_URL')).not.toBe('');
  });
});
