import {
  MigrationWireSchema,
  NetworkWireSchema,
  NodeWireSchema,
  VmInterfaceWireSchema,
  VmMetricsHistoryWireSchema,
  VmMetricsWireSchema,
  VmWireSchema,
} from '@novacron/vm';
import * as z from 'zod';
import { ErrorWireSchema } from './internal/http/error-schema';
import { flagFreePattern } from './internal/openapi/flag-free-pattern';
import { API_PREFIXES } from './internal/http/router';
import type { RouteDefinition } from './internal/http/route-definition';
import { ROUTES, SIMULATOR_VERSION } from './internal/route-table';

type JsonObject = Record<string, unknown>;

/** Resources documented once under components.schemas and referenced from every route. */
const NAMED_SCHEMAS = new Map<z.core.$ZodType, string>([
  [VmWireSchema, 'Vm'],
  [MigrationWireSchema, 'Migration'],
  [NodeWireSchema, 'Node'],
  [NetworkWireSchema, 'Network'],
  [VmInterfaceWireSchema, 'VmInterface'],
  [VmMetricsWireSchema, 'VmMetrics'],
  [VmMetricsHistoryWireSchema, 'VmMetricsHistory'],
  [ErrorWireSchema, 'Error'],
]);

export interface OpenApiOptions {
  routes?: readonly RouteDefinition[];
  /** info.version; defaults to the simulator's version. */
  version?: string;
}

const HEADER_DOCS: Record<string, JsonObject> = {
  ETag: { description: 'the resource_version, quoted', schema: { type: 'string' } },
  Location: { description: 'URL of the created resource', schema: { type: 'string' } },
  'X-Pagination': {
    description: 'JSON `{"page","pageSize","total","totalPages"}`',
    schema: { type: 'string' },
  },
};

/**
 * The OpenAPI 3.1 document of the wire contract, built from the same route table the simulator
 * serves and the same zod schemas the SDK parses with. `docs/api/openapi.json` is this, committed.
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): JsonObject {
  const routes = options.routes ?? ROUTES;
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = route.mount === 'api' ? `${API_PREFIXES[0]}${route.path}` : route.path;
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'NovaCron control plane API',
      version: options.version ?? SIMULATOR_VERSION,
      description:
        'The wire contract the NovaCron TypeScript SDK speaks and @novacron/simulator serves. Every /api/v1 route is also served under /api (upstream compat alias). See docs/api/README.md.',
    },
    servers: [{ url: 'http://localhost:8090' }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries([...NAMED_SCHEMAS].map(([schema, name]) => [name, jsonSchema(schema, 'output')])),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Replays the stored answer of the first request with this key (24 h, per tenant)',
          schema: { type: 'string', maxLength: 255 },
        },
        IfMatch: {
          name: 'If-Match',
          in: 'header',
          required: false,
          description: 'Only apply when the resource still has this ETag (412 otherwise)',
          schema: { type: 'string' },
        },
        XRequestId: {
          name: 'X-Request-Id',
          in: 'header',
          required: false,
          description: 'Echoed back; generated when absent',
          schema: { type: 'string' },
        },
      },
    },
    paths,
  };
}

function operation(route: RouteDefinition): JsonObject {
  const parameters: JsonObject[] = [{ $ref: '#/components/parameters/XRequestId' }];
  for (const match of route.path.matchAll(/\{([^}]+)\}/g)) {
    parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  if (route.query) {
    const query = jsonSchema(route.query, 'input') as { properties?: Record<string, JsonObject>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: 'query',
        required: query.required?.includes(name) ?? false,
        ...(description !== undefined && { description }),
        schema: rest,
      });
    }
  }
  if (route.method !== 'GET') parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (route.method === 'PATCH' || route.method === 'PUT' || route.method === 'DELETE') {
    if (route.path.startsWith('/vms/{id}')) parameters.push({ $ref: '#/components/parameters/IfMatch' });
  }

  const responses: Record<string, JsonObject> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const response: JsonObject = { description: spec.description };
    if (spec.contentType !== undefined) {
      response.content = { [spec.contentType]: { schema: { type: 'string', contentMediaType: spec.contentType } } };
    } else if (spec.schema) {
      const schema = schemaOrRef(spec.schema);
      response.content = { 'application/json': { schema: spec.paginated || spec.array ? { type: 'array', items: schema } : schema } };
    }
    const headers = [...(spec.headers ?? []), ...(spec.paginated ? ['X-Pagination'] : [])];
    if (headers.length > 0) response.headers = Object.fromEntries(headers.map((name) => [name, HEADER_DOCS[name] ?? {}]));
    responses[status] = response;
  }
  const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  if (route.body || route.query) responses['400'] ??= error('validation_error or invalid_json');
  if (route.access !== 'public') responses['401'] ??= error('missing, invalid or expired token (token_expired)');
  if (route.access !== 'public' && route.access !== 'authenticated') responses['403'] ??= error(`forbidden: needs role ${route.access} or above`);
  if (route.path.includes('{')) responses['404'] ??= error('not found (another tenant\'s resources are not found either)');
  if (route.method !== 'GET') {
    responses['409'] ??= error('idempotency_in_progress');
    responses['422'] ??= error('idempotency_key_reused');
  }

  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(route.access !== 'public' && { security: [{ bearer: [] }], 'x-required-role': route.access }),
    parameters,
    ...(route.body && {
      requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
    }),
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
  };
}

function schemaOrRef(schema: z.core.$ZodType): JsonObject {
  const name = NAMED_SCHEMAS.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : jsonSchema(schema, 'output');
}

function jsonSchema(schema: z.core.$ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', override: spellOutRegexFlags }) as JsonObject;
  return rest;
}

/** zod writes a regex's bare `source` as the pattern; its `i`/`s` flags would be lost (see flag-free-pattern.ts). */
function spellOutRegexFlags({ zodSchema, jsonSchema: json }: { zodSchema: z.core.$ZodType; jsonSchema: JsonObject }): void {
  const def = zodSchema._zod.def as { pattern?: unknown; checks?: z.core.$ZodCheck[] };
  const defs: Array<{ pattern?: unknown }> = [def, ...(def.checks ?? []).map((check) => check._zod.def as { pattern?: unknown })];
  const patterns = [...defs.map((d) => d.pattern), ...((zodSchema._zod.bag as { patterns?: Set<RegExp> }).patterns ?? [])];
  const rewrites = new Map<string, string>();
  for (const regex of patterns) {
    if (regex instanceof RegExp && regex.flags.replace(/[gdu]/g, '') !== '') rewrites.set(regex.source, flagFreePattern(regex));
  }
  if (rewrites.size === 0) return;
  const targets = [json, ...(Array.isArray(json.allOf) ? (json.allOf as JsonObject[]) : [])];
  for (const target of targets) {
    if (typeof target.pattern === 'string' && rewrites.has(target.pattern)) target.pattern = rewrites.get(target.pattern);
  }
}
