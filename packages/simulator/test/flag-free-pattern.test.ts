import { flagFreePattern } from '../src/internal/openapi/flag-free-pattern';

/** Every way of casing each sample (2^n for short samples), plus every single character up to U+017F. */
function probes(samples: string[]): string[] {
  const out = new Set<string>();
  for (let code = 0; code <= 0x17f; code++) out.add(String.fromCharCode(code));
  for (const sample of samples) {
    const chars = [...sample];
    const variants = chars.map((c) => [...new Set([c, c.toLowerCase(), c.toUpperCase()])]);
    let strings = [''];
    for (const options of variants) strings = strings.flatMap((prefix) => options.map((c) => prefix + c));
    for (const s of strings.slice(0, 4096)) out.add(s);
  }
  return [...out];
}

function expectSameLanguage(regex: RegExp, samples: string[]): string {
  const pattern = flagFreePattern(regex);
  // JSON Schema patterns are ECMA-262 regular expressions read with the u flag and no other.
  const documented = new RegExp(pattern, 'u');
  const disagreements = probes(samples).filter((s) => regex.test(s) !== documented.test(s));
  expect(disagreements).toEqual([]);
  return pattern;
}

describe('flagFreePattern', () => {
  it('leaves a pattern without flags (or with only u) as it is', () => {
    expect(flagFreePattern(/^[a-z0-9._-]+$/)).toBe('^[a-z0-9._-]+$');
    expect(flagFreePattern(/^\p{L}+$/u)).toBe('^\\p{L}+$');
  });

  it('spells out the i flag: upper case names such as Up_JS_Upper match as the server lets them', () => {
    const pattern = expectSameLanguage(/^[a-z0-9._-]+$/i, ['Up_JS_Upper', 'web-01.prod', 'a b', 'Ünïcode']);
    expect(new RegExp(pattern, 'u').test('Up_JS_Upper')).toBe(true);
    expect(new RegExp(pattern, 'u').test('up js')).toBe(false);
  });

  it('handles literals, negated classes, single letters in classes, escapes, groups and quantifiers under i', () => {
    expectSameLanguage(/^ab[^x-z]c$/i, ['abqc', 'ABXC', 'abZc', 'ab1c']);
    expectSameLanguage(/^(?:vm|node)-[a-f\d]{2,4}$/i, ['VM-aF09', 'node-ab', 'Node-ABCD', 'vm-abcde', 'vm-g1']);
    expectSameLanguage(/^(?<word>k)\.x$/i, ['k.x', 'K.X', 'kax']);
    expectSameLanguage(/^[\w-]+$/iu, ['Up_JS', 'ſK', 'a b']);
    expectSameLanguage(/^\x41\u0062[\u0063-e]$/i, ['AbC', 'abe', 'abf']);
    expectSameLanguage(/^[\w-]+\s?$/i, ['Up_JS', 'a-b ', 'a\tb']);
    expectSameLanguage(/^[-a]$/i, ['-', 'A', 'b']);
  });

  it('spells out the s flag: a dot also matches line breaks', () => {
    expectSameLanguage(/^a.b$/s, ['a\nb', 'a\rb', 'axb', 'a[b']);
    expectSameLanguage(/^[.]$/s, ['.', '\n']);
  });

  it('refuses flags a flag-free pattern cannot say (m, y) instead of documenting something else', () => {
    expect(() => flagFreePattern(/^a$/m)).toThrow(/flag "m"/);
    expect(() => flagFreePattern(/a/y)).toThrow(/flag "y"/);
    expect(() => flagFreePattern(/(a)\1/i)).toThrow(/back-reference/);
    expect(() => flagFreePattern(/\p{Lu}/iu)).toThrow(/property escape/);
  });
});
