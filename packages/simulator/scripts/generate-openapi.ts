/**
 * Writes docs/api/openapi.json from the simulator's route table and the vm package's zod schemas.
 * Run: pnpm --filter @novacron/simulator openapi   (it builds the schemas first: the script reads the built packages)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from '../src/openapi-document';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '../../../docs/api/openapi.json');
const { version } = JSON.parse(readFileSync(resolve(here, '../package.json'), 'utf8')) as { version: string };
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument({ version }), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
