import type { IncomingHttpHeaders } from 'node:http';
import type { $ZodType } from 'zod/v4/core';
import type { Principal } from '../auth/auth-service';
import type { RequiredRole } from '../auth/roles';
import type { World } from '../world/world';

/** Who may call a route: anyone, any signed-in user, or at least a role. */
export type Access = 'public' | 'authenticated' | RequiredRole;

export interface ResponseSpec {
  description: string;
  /** Classic zod or zod/mini (the VM package's wire schemas are zod/mini). */
  schema?: $ZodType;
  /** The body is a bare array of `schema` and the page is described by the X-Pagination header. */
  paginated?: boolean;
  /** The body is a bare array of `schema`, unpaginated. */
  array?: boolean;
  /** Header names documented on this response. */
  headers?: readonly string[];
  /** A body that is not JSON (e.g. `image/png`): documented as that media type, without a schema. */
  contentType?: string;
}

export interface RouteContext<B = unknown, Q = Record<string, string | undefined>> {
  world: World;
  params: Record<string, string>;
  query: Q;
  body: B;
  /** For a public route this is an anonymous principal with an empty tenant. */
  principal: Principal;
  headers: IncomingHttpHeaders;
}

export interface Reply {
  status: number;
  /** Sent as JSON; or, with `contentType`, these bytes as they are. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The body is binary (a Buffer) of this media type, not JSON. */
  contentType?: string;
}

/**
 * One row of the route table: the router serves it, the OpenAPI generator documents it, so the two
 * cannot disagree.
 */
export interface RouteDefinition<B = unknown, Q = unknown> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** With `mount: 'api'` relative to `/api/v1` (and served under `/api` too); else absolute. */
  path: string;
  mount: 'api' | 'root';
  access: Access;
  operationId: string;
  summary: string;
  tag: string;
  body?: $ZodType<B>;
  query?: $ZodType<Q>;
  responses: Record<number, ResponseSpec>;
  /** Most handlers answer at once; one that must wait (rendering an image) returns a promise. */
  handle(ctx: RouteContext<B, Q>): Reply | Promise<Reply>;
}

export function defineRoute<B = undefined, Q = Record<string, string | undefined>>(route: RouteDefinition<B, Q>): RouteDefinition<B, Q> {
  return route;
}

/** The stats and fault-rule key of a route: `POST /vms`, `GET /vms/{id}`, `POST /api/auth/login`. */
export function routeKey(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
