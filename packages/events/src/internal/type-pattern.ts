/** `*` matches everything, `vm.*` every type starting with `vm.`, anything else itself. */
export function matchesTypePattern(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function validateTypePattern(pattern: string): boolean {
  return pattern.length > 0 && pattern.length <= 200 && !pattern.slice(0, -1).includes('*');
}
