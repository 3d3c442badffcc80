/**
 * Writes docs/api/openapi.json from the simulator's route table and the vm package's zod schemas,
 * and the error-code table of docs/api/README.md from the simulator's ERROR_CODES.
 * Run: pnpm --filter @novacron/simulator openapi   (it builds the schemas first: the script reads the built packages)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withErrorCodeTable } from '../src/internal/http/error-codes';
import { buildOpenApiDocument } from '../src/openapi-document';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '../../../docs/api/openapi.json');
const { version } = JSON.parse(readFileSync(resolve(here, '../package.json'), 'utf8')) as { version: string };
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument({ version }), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
const readme = resolve(here, '../../../docs/api/README.md');
writeFileSync(readme, withErrorCodeTable(readFileSync(readme, 'utf8')));
process.stdout.write(`wrote ${readme}\n`);
