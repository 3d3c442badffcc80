import type { RouteDefinition } from './route-definition';

export const API_PREFIXES = ['/api/v1', '/api'] as const;

interface CompiledRoute {
  route: RouteDefinition;
  segments: string[];
}

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

/**
 * Matches a path to a route, segment by segment. Routes are bucketed by segment count so a lookup
 * only compares a handful of candidates. A trailing slash is ignored (upstream mux StrictSlash).
 */
export class Router {
  private readonly buckets = new Map<number, CompiledRoute[]>();

  constructor(routes: readonly RouteDefinition[]) {
    for (const route of routes) {
      const fullPaths = route.mount === 'api' ? API_PREFIXES.map((prefix) => prefix + route.path) : [route.path];
      for (const fullPath of fullPaths) {
        const segments = splitPath(fullPath);
        let bucket = this.buckets.get(segments.length);
        if (!bucket) this.buckets.set(segments.length, (bucket = []));
        bucket.push({ route, segments });
      }
    }
    // Literal segments beat parameters, so `/vms/{id}` never swallows a sibling literal route.
    for (const bucket of this.buckets.values()) bucket.sort((a, b) => specificity(b.segments) - specificity(a.segments));
  }

  match(method: string, pathname: string): RouteMatch {
    const segments = splitPath(pathname);
    const bucket = this.buckets.get(segments.length);
    if (!bucket) return { kind: 'not_found' };
    const allowed: string[] = [];
    let pathMatched: CompiledRoute | undefined;
    for (const candidate of bucket) {
      const params = matchSegments(candidate.segments, segments);
      if (!params) continue;
      if (pathMatched && !sameShape(pathMatched.segments, candidate.segments)) continue;
      pathMatched ??= candidate;
      if (candidate.route.method === method) return { kind: 'found', route: candidate.route, params };
      allowed.push(candidate.route.method);
    }
    return pathMatched ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}

function splitPath(path: string): string[] {
  const segments = path.split('/').filter((segment) => segment !== '');
  return segments;
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const given = actual[i]!;
    if (expected.startsWith('{')) {
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(given);
      } catch {
        return undefined;
      }
    } else if (expected !== given) return undefined;
  }
  return params;
}

function specificity(segments: string[]): number {
  return segments.reduce((score, segment, index) => score + (segment.startsWith('{') ? 0 : 2 ** (segments.length - index)), 0);
}

function sameShape(a: string[], b: string[]): boolean {
  return a.every((segment, i) => segment === b[i] || (segment.startsWith('{') && b[i]!.startsWith('{')));
}
