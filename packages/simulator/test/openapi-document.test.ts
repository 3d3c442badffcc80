import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpenApiDocument } from '../src/index';
import { ROUTES } from '../src/internal/route-table';

const committedPath = resolve(__dirname, '../../../docs/api/openapi.json');
const { version } = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string };

describe('OpenAPI document', () => {
  it('matches the committed docs/api/openapi.json (regenerate with `pnpm --filter @novacron/simulator openapi`)', () => {
    const committed = JSON.parse(readFileSync(committedPath, 'utf8'));
    expect(buildOpenApiDocument({ version })).toEqual(committed);
  });

  it('documents every served route once, with its role and its schemas', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, any>> };
    const operationIds = new Set<string>();
    for (const route of ROUTES) {
      const path = route.mount === 'api' ? `/api/v1${route.path}` : route.path;
      const op = doc.paths[path]?.[route.method.toLowerCase()];
      expect(op).toBeDefined();
      expect(operationIds.has(op.operationId)).toBe(false);
      operationIds.add(op.operationId);
      if (route.access !== 'public') expect(op['x-required-role']).toBe(route.access);
      if (route.body) expect(op.requestBody.content['application/json'].schema).toBeDefined();
    }
    const createVm = doc.paths['/api/v1/vms']!.post;
    expect(createVm.requestBody.content['application/json'].schema.required).toEqual(['name']);
    expect(createVm.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Vm' });
  });
});
