import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import { buildOpenApiDocument, type WireJson } from '../src/index';
import { ROUTES } from '../src/internal/route-table';

const committedPath = resolve(__dirname, '../../../docs/api/openapi.json');
const { version } = JSON.parse(readFileSync(resolve(__dirname, '../package.json'), 'utf8')) as { version: string };

describe('OpenAPI document', () => {
  it('matches the committed docs/api/openapi.json (regenerate with `pnpm --filter @novacron/simulator openapi`)', () => {
    const committed = JSON.parse(readFileSync(committedPath, 'utf8'));
    expect(buildOpenApiDocument({ version })).toEqual(committed);
  });

  it('documents every served route once, with its role and its schemas', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, WireJson>> };
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

  it('documents each pattern as the server applies it, flags included: an operation’s patterns read as JSON Schema does accept what its schemas accept', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, WireJson>>; components: { schemas: Record<string, unknown> } };
    const documentedIn = (operation: unknown): string[] => {
      const found: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) {
            if (key === 'pattern' && typeof value === 'string') found.push(value);
            else if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) walk(doc.components.schemas[value.slice(21)]);
            else walk(value);
          }
        }
      };
      walk(operation);
      return found;
    };
    const servedBy = (schemas: Array<z.core.$ZodType | undefined>): RegExp[] => {
      const served = new Set<RegExp>();
      for (const schema of schemas) {
        if (!schema) continue;
        z.toJSONSchema(schema, {
          unrepresentable: 'any',
          override: ({ zodSchema }) => {
            const defs = [zodSchema._zod.def, ...((zodSchema._zod.def as { checks?: z.core.$ZodCheck[] }).checks ?? []).map((check) => check._zod.def)];
            for (const def of defs as Array<{ pattern?: unknown }>) if (def.pattern instanceof RegExp) served.add(def.pattern);
            for (const regex of (zodSchema._zod.bag as { patterns?: Set<RegExp> }).patterns ?? []) served.add(regex);
          },
        });
      }
      return [...served];
    };

    const probes: string[] = ['Up_JS_Upper', 'web-01', 'a b', 'A\nB'];
    for (let code = 0x20; code < 0x7f; code++) probes.push(String.fromCharCode(code), String.fromCharCode(code).repeat(3));
    let flaggedCount = 0;
    for (const route of ROUTES) {
      const operation = doc.paths[route.mount === 'api' ? `/api/v1${route.path}` : route.path]![route.method.toLowerCase()];
      const documented = documentedIn(operation);
      const flagged = servedBy([route.body, route.query, ...Object.values(route.responses).map((r) => r.schema)]).filter((regex) => regex.flags.replace(/[gu]/g, '') !== '');
      flaggedCount += flagged.length;
      for (const regex of flagged) {
        const faithful = documented.some((pattern) => probes.every((probe) => new RegExp(pattern, 'u').test(probe) === regex.test(probe)));
        expect({ operation: route.operationId, regex: String(regex), faithful }).toEqual({ operation: route.operationId, regex: String(regex), faithful: true });
      }
    }
    expect(flaggedCount).toBeGreaterThan(0);

    const name = doc.paths['/api/v1/vms']!.post.requestBody.content['application/json'].schema.properties.name;
    expect(new RegExp(name.pattern, 'u').test('Up_JS_Upper')).toBe(true);
  });
});
