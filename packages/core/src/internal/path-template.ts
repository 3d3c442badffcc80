/**
 * A route template (`/api/v1/vms/{id}/start`) split once into literal parts and parameter
 * names, so filling it per request is a few concatenations instead of a regex replace.
 */
export interface PathTemplate {
  /** Literals around the parameters: always one more than `names`. */
  readonly literals: readonly string[];
  readonly names: readonly string[];
}

export function compileTemplate(template: string): PathTemplate {
  const literals: string[] = [];
  const names: string[] = [];
  let rest = template;
  for (let open = rest.indexOf('{'); open >= 0; open = rest.indexOf('{')) {
    const close = rest.indexOf('}', open);
    if (close < 0) break;
    literals.push(rest.slice(0, open));
    names.push(rest.slice(open + 1, close));
    rest = rest.slice(close + 1);
  }
  literals.push(rest);
  return { literals, names };
}

/** The template with every `{name}` replaced by its URL-encoded parameter ('' when missing). */
export function fillTemplate(compiled: PathTemplate, params: Record<string, string> | undefined): string {
  const { literals, names } = compiled;
  let path = literals[0]!;
  for (let i = 0; i < names.length; i++) path += encodeURIComponent(params?.[names[i]!] ?? '') + literals[i + 1]!;
  return path;
}
