import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeParse } from 'zod/v4/core';
import type { Principal } from '../auth/auth-service';
import { hasRole } from '../auth/roles';
import type { FaultInjector, FaultPlan } from '../faults/fault-injector';
import type { World } from '../world/world';
import type { ErrorCode } from './error-codes';
import { HttpError } from './http-error';
import { IdempotencyStore, type StoredResponse } from './idempotency-store';
import { routeKey, type Reply, type RouteDefinition } from './route-definition';
import type { Router } from './router';

const MAX_BODY_BYTES = 1024 * 1024;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ALLOWED_HEADERS =
  'Authorization, Content-Type, Accept, Idempotency-Key, If-Match, If-None-Match, X-Request-Id, traceparent, tracestate, baggage, User-Agent, X-NovaCron-Client, X-NovaCron-Retry-Attempt';
const EXPOSED_HEADERS = 'X-Pagination, ETag, X-Request-Id, Retry-After, Idempotent-Replayed, Location';
/** Headers worth replaying with a stored idempotent answer. */
const REPLAYED_HEADERS = ['content-type', 'etag', 'location', 'x-pagination'];
const ANONYMOUS: Principal = { userId: '', username: '', email: '', role: '', roles: [], tenantId: '', sessionId: '' };

export interface HandlerDeps {
  world: World;
  router: Router;
  faults: FaultInjector;
}

/**
 * The request pipeline: request id and CORS → routing (404/405 before auth, as upstream) → faults →
 * auth and roles → body and query validation → idempotency → handler → answer (or a faulted answer).
 */
export class RequestHandler {
  private readonly idempotency = new IdempotencyStore();

  constructor(private readonly deps: HandlerDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.process(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) this.sendError(res, new HttpError(500, 'internal_error', 'internal error'));
      // Never swallow a simulator bug silently; never echo request data (it may hold secrets).
      process.emitWarning(`novacron-simulator: ${(error as Error)?.message ?? String(error)}`);
    });
  };

  private async process(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { router, faults } = this.deps;
    const { stats } = this.deps.world;
    stats.requests++;
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && /^[\w.:-]{1,128}$/.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    this.cors(req, res);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204, { 'Content-Length': '0' }).end();
      return;
    }
    const queryStart = (req.url ?? '/').indexOf('?');
    const pathname = queryStart === -1 ? (req.url ?? '/') : (req.url ?? '/').slice(0, queryStart);
    const search = queryStart === -1 ? '' : (req.url ?? '').slice(queryStart + 1);
    const match = router.match(method, pathname);
    if (match.kind === 'not_found') {
      req.resume();
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': '19' }).end('404 page not found\n');
      return;
    }
    if (match.kind === 'method_not_allowed') {
      req.resume();
      res.writeHead(405, { Allow: match.allowed.join(', '), 'Content-Length': '0' }).end();
      return;
    }
    const { route, params } = match;
    const key = routeKey(route);
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;

    const plan = faults.plan(method, key, pathname);
    try {
      const raw = await readBody(req);
      const principal = this.authenticate(req, route);
      const query = parseQuery(route, search);
      const body = parseBody(route, raw);
      const run = (): Reply | Promise<Reply> => route.handle({ world: this.deps.world, params, query, body, principal, headers: req.headers });
      const idempotencyKey = header(req, 'idempotency-key');
      if (idempotencyKey === undefined || !WRITE_METHODS.has(method)) {
        if (plan && (await this.faultBeforeHandler(req, res, plan))) return;
        const reply = run();
        this.finish(req, res, serialize(reply instanceof Promise ? await reply : reply), plan);
        return;
      }
      await this.withIdempotency(req, res, route, params, principal, idempotencyKey, raw, plan, run);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (plan && (await this.faultBeforeHandler(req, res, plan))) return;
      this.finish(req, res, serializeError(error), plan);
    }
  }

  /** Applies the faults that act before the handler; true when the request was answered (or dropped). */
  private async faultBeforeHandler(req: IncomingMessage, res: ServerResponse, plan: FaultPlan): Promise<boolean> {
    if (plan.latencyMs > 0) {
      await this.deps.world.scheduler.sleep(plan.latencyMs);
      plan.latencyMs = 0;
    }
    // Each hold once, like the latency: a plan can reach this point twice (its handler failed, then the fault runs).
    for (const hold of plan.holds.splice(0)) await hold();
    if (plan.resetBefore) {
      req.socket.destroy();
      return true;
    }
    if (plan.status !== undefined) {
      const headers: Record<string, string> = plan.retryAfter !== undefined ? { 'Retry-After': String(plan.retryAfter) } : {};
      this.sendError(res, new HttpError(plan.status, faultCode(plan.status), `injected fault: ${plan.status}`, headers));
      return true;
    }
    if (plan.malformed) {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id": "vm-1", "name": <html>oops</html>');
      return true;
    }
    return false;
  }

  private async withIdempotency(
    req: IncomingMessage,
    res: ServerResponse,
    route: RouteDefinition,
    params: Record<string, string>,
    principal: Principal,
    key: string,
    raw: string,
    plan: FaultPlan | undefined,
    run: () => Reply | Promise<Reply>,
  ): Promise<void> {
    if (key.length === 0 || key.length > 255) throw new HttpError(400, 'validation_error', 'Idempotency-Key must be 1..255 characters');
    const scope = principal.tenantId || 'public';
    const fingerprint = createHash('sha256').update(`${routeKey(route)}\u0000${JSON.stringify(params)}\u0000${raw}`).digest('base64url');
    const lookup = this.idempotency.begin(scope, key, fingerprint);
    if (lookup.kind === 'mismatch') {
      throw new HttpError(422, 'idempotency_key_reused', 'this Idempotency-Key was used with a different request');
    }
    if (lookup.kind === 'in_progress') {
      throw new HttpError(409, 'idempotency_in_progress', 'a request with this Idempotency-Key is still running', { 'Retry-After': '1' });
    }
    if (lookup.kind === 'replay') {
      if (plan && (await this.faultBeforeHandler(req, res, plan))) return;
      const replayed = { ...lookup.response, headers: { ...lookup.response.headers, 'Idempotent-Replayed': 'true' } };
      this.finish(req, res, replayed, plan);
      return;
    }
    // The key is held while faults delay the handler, so a concurrent duplicate sees "in progress".
    let answeredByFault: boolean;
    try {
      answeredByFault = plan !== undefined && (await this.faultBeforeHandler(req, res, plan));
    } catch (error) {
      this.idempotency.abandon(scope, key);
      throw error;
    }
    if (answeredByFault) {
      this.idempotency.abandon(scope, key);
      return;
    }
    let stored: StoredResponse;
    try {
      stored = serialize(await run());
    } catch (error) {
      if (!(error instanceof HttpError)) {
        this.idempotency.abandon(scope, key);
        throw error;
      }
      stored = serializeError(error);
    }
    this.idempotency.complete(scope, key, fingerprint, stored);
    this.finish(req, res, stored, plan);
  }

  private authenticate(req: IncomingMessage, route: RouteDefinition): Principal {
    if (route.access === 'public') return ANONYMOUS;
    const authorization = req.headers.authorization;
    if (!authorization) throw new HttpError(401, 'unauthorized', 'authorization header required');
    if (!/^bearer /i.test(authorization)) throw new HttpError(401, 'unauthorized', "authorization header must start with 'Bearer '");
    const token = authorization.slice(7).trim();
    if (!token) throw new HttpError(401, 'unauthorized', 'token is required');
    const result = this.deps.world.auth.verifyAccessToken(token);
    if (!result.ok) throw new HttpError(401, result.code, result.message);
    if (route.access !== 'authenticated' && !hasRole(result.principal.roles.concat(result.principal.role), route.access)) {
      throw new HttpError(403, 'forbidden', 'insufficient permissions');
    }
    return result.principal;
  }

  private finish(req: IncomingMessage, res: ServerResponse, response: StoredResponse, plan: FaultPlan | undefined): void {
    if (plan?.resetAfter) {
      req.socket.destroy();
      return;
    }
    if (response.status === 304) {
      res.writeHead(304, withoutBodyHeaders(response.headers)).end();
      return;
    }
    const length = Buffer.byteLength(response.body);
    if (plan?.truncate) {
      // Promise more bytes than we send, then hang up: the client sees a cut-off body.
      res.writeHead(response.status, { ...response.headers, 'Content-Length': String(length + 64) });
      res.write(response.body, () => res.socket?.end());
      return;
    }
    res.writeHead(response.status, { ...response.headers, 'Content-Length': String(length) }).end(response.body);
  }

  private sendError(res: ServerResponse, error: HttpError): void {
    const { status, body, headers } = serializeError(error);
    res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }).end(body);
  }

  private cors(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (!origin) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
    }
  }
}

function serialize(reply: Reply): StoredResponse {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 304 || reply.body === undefined) return { status: reply.status, body: '', headers };
  if (reply.contentType !== undefined) {
    headers['Content-Type'] = reply.contentType;
    return { status: reply.status, body: reply.body as Buffer, headers };
  }
  headers['Content-Type'] = 'application/json; charset=utf-8';
  return { status: reply.status, body: JSON.stringify(reply.body), headers };
}

function serializeError(error: HttpError): StoredResponse {
  const payload: Record<string, unknown> = { code: error.code, message: error.message };
  if (error.details !== undefined) payload.details = error.details;
  return {
    status: error.status,
    body: JSON.stringify({ error: payload }),
    headers: { ...error.headers, 'Content-Type': 'application/json; charset=utf-8' },
  };
}

function withoutBodyHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (REPLAYED_HEADERS.includes(name.toLowerCase()) && name.toLowerCase() !== 'content-type') out[name] = value;
  return out;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function faultCode(status: number): ErrorCode {
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'service_unavailable';
  if (status === 504) return 'gateway_timeout';
  if (status >= 500) return 'internal_error';
  return 'injected_fault';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new HttpError(413, 'payload_too_large', `request body exceeds ${MAX_BODY_BYTES} bytes`));
      else resolve(chunks.length === 0 ? '' : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function parseBody(route: RouteDefinition, raw: string): unknown {
  let json: unknown;
  if (raw.trim() !== '') {
    try {
      json = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'invalid_json', 'request body is not valid JSON');
    }
  }
  if (!route.body) return json;
  const result = safeParse(route.body, json ?? {});
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

function parseQuery(route: RouteDefinition, search: string): unknown {
  // A repeated parameter (`tag=a:1&tag=b:2`) becomes an array; a single one stays a string.
  const raw: Record<string, string | string[]> = {};
  if (search) {
    for (const [name, value] of new URLSearchParams(search)) {
      const seen = raw[name];
      raw[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
    }
  }
  if (!route.query) return raw;
  const result = safeParse(route.query, raw);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}

function validationError(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): HttpError {
  const details = issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const message = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  return new HttpError(400, 'validation_error', message || 'invalid request', {}, details);
}
