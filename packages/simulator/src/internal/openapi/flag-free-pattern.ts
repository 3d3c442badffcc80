/**
 * A JSON Schema `pattern` is an ECMA-262 regular expression read with no flags but `u`, so a zod
 * regex with `i` or `s` documented by its bare `source` says something the server does not do
 * (`/^[a-z0-9._-]+$/i` accepts `Up_JS_Upper`; its source does not). This spells those flags out in
 * the pattern itself, and refuses what it cannot spell out (`m`, `y`, back-references or `\p{…}`
 * under `i`) so the document is never quietly wrong.
 */
export function flagFreePattern(regex: RegExp): string {
  for (const flag of regex.flags) {
    if (!'gdisu'.includes(flag)) throw new Error(`regex ${String(regex)}: flag "${flag}" has no flag-free equivalent in a JSON Schema pattern`);
  }
  const ignoreCase = regex.flags.includes('i');
  const dotAll = regex.flags.includes('s');
  if (!ignoreCase && !dotAll) return regex.source;
  return new PatternRewriter(regex, ignoreCase, dotAll).rewrite();
}

const SYNTAX_OUTSIDE_CLASS = new Set([...'^$\\.*+?()[]{}|/']);
const SYNTAX_INSIDE_CLASS = new Set([...'\\]-^[']);
const CHARACTER_ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };
/** What `\w` also matches when `i` and `u` are both set: ſ (U+017F) and the Kelvin sign (U+212A). */
const WORD_FOLDS = '\\u017F\\u212A';

type ClassItem = { kind: 'char'; code: number } | { kind: 'range'; from: number; to: number } | { kind: 'escape'; text: string };

class PatternRewriter {
  private readonly source: string;
  private readonly unicode: boolean;
  private index = 0;

  constructor(
    private readonly regex: RegExp,
    private readonly ignoreCase: boolean,
    private readonly dotAll: boolean,
  ) {
    this.source = regex.source;
    this.unicode = regex.flags.includes('u');
  }

  rewrite(): string {
    let out = '';
    const src = this.source;
    while (this.index < src.length) {
      const c = src[this.index]!;
      if (c === '\\') {
        out += this.escapeOutsideClass();
      } else if (c === '[') {
        out += this.characterClass();
      } else if (c === '(' && src.startsWith('(?<', this.index) && src[this.index + 3] !== '=' && src[this.index + 3] !== '!') {
        // A group name is not text to match: copy it as it is.
        const end = src.indexOf('>', this.index);
        out += src.slice(this.index, end + 1);
        this.index = end + 1;
      } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(src.slice(this.index))) {
        const quantifier = /^\{\d+(,\d*)?\}/.exec(src.slice(this.index))![0];
        out += quantifier;
        this.index += quantifier.length;
      } else if (c === '.') {
        out += this.dotAll ? '[\\s\\S]' : '.';
        this.index++;
      } else if ('^$*+?(){}|/'.includes(c)) {
        out += c;
        this.index++;
      } else {
        const code = src.codePointAt(this.index)!;
        this.index += code > 0xffff ? 2 : 1;
        out += this.literal(code);
      }
    }
    return out;
  }

  private fail(what: string): never {
    throw new Error(`regex ${String(this.regex)}: ${what} under the i flag has no flag-free equivalent in a JSON Schema pattern`);
  }

  private escapeOutsideClass(): string {
    const src = this.source;
    const next = src[this.index + 1] ?? '';
    if ('dDsSbB'.includes(next)) {
      this.index += 2;
      return `\\${next}`;
    }
    if (next === 'w' || next === 'W') {
      this.index += 2;
      if (!(this.ignoreCase && this.unicode)) return `\\${next}`;
      return next === 'w' ? `[\\w${WORD_FOLDS}]` : `[^\\w${WORD_FOLDS}]`;
    }
    if (next === 'p' || next === 'P') {
      if (this.ignoreCase) this.fail('a property escape');
      const end = src.indexOf('}', this.index);
      const text = src.slice(this.index, end + 1);
      this.index = end + 1;
      return text;
    }
    if (/[1-9]/.test(next) || next === 'k') {
      if (this.ignoreCase) this.fail('a back-reference');
      const match = /^\\(\d+|k<[^>]+>)/.exec(src.slice(this.index))!;
      this.index += match[0].length;
      return match[0];
    }
    return this.literal(this.readEscapedCode());
  }

  /** Reads `\x41`, `\u0041`, `\u{41}`, `\cJ`, `\n`, `\.` …: the code point it stands for. */
  private readEscapedCode(): number {
    const rest = this.source.slice(this.index);
    const hex = /^\\x([0-9a-fA-F]{2})|^\\u\{([0-9a-fA-F]+)\}|^\\u([0-9a-fA-F]{4})/.exec(rest);
    if (hex) {
      this.index += hex[0].length;
      return parseInt(hex[1] ?? hex[2] ?? hex[3]!, 16);
    }
    const control = /^\\c([A-Za-z])/.exec(rest);
    if (control) {
      this.index += 3;
      return control[1]!.charCodeAt(0) % 32;
    }
    const name = rest[1]!;
    this.index += 2;
    return CHARACTER_ESCAPES[name] ?? name.codePointAt(0)!;
  }

  private characterClass(): string {
    const src = this.source;
    this.index++; // [
    const negated = src[this.index] === '^';
    if (negated) this.index++;
    const items: ClassItem[] = [];
    while (src[this.index] !== ']') {
      if (this.index >= src.length) throw new Error(`regex ${String(this.regex)}: unterminated character class`);
      const atom = this.classAtom();
      if (atom.kind === 'char' && src[this.index] === '-' && src[this.index + 1] !== ']') {
        this.index++;
        const end = this.classAtom();
        if (end.kind !== 'char') throw new Error(`regex ${String(this.regex)}: a range must end in a character`);
        items.push({ kind: 'range', from: atom.code, to: end.code });
      } else items.push(atom);
    }
    this.index++; // ]

    // Each item's other-case letters go right after it, so `[a-z0-9]` reads `[a-zA-Z0-9]`.
    const added = new Set<number>();
    const inClass = (code: number) => added.has(code) || items.some((item) => (item.kind === 'char' ? item.code === code : item.kind === 'range' && item.from <= code && code <= item.to));
    const body = items.map((item) => {
      if (item.kind === 'escape') return item.text;
      const [from, to] = item.kind === 'char' ? [item.code, item.code] : [item.from, item.to];
      const extra: number[] = [];
      if (this.ignoreCase) {
        for (let code = from; code <= to; code++) {
          for (const variant of this.caseVariants(code)) {
            if (inClass(variant)) continue;
            added.add(variant);
            extra.push(variant);
          }
        }
      }
      return (item.kind === 'char' ? classChar(item.code) : `${classChar(item.from)}-${classChar(item.to)}`) + compressRanges(extra);
    });
    return `[${negated ? '^' : ''}${body.join('')}]`;
  }

  private classAtom(): ClassItem {
    const src = this.source;
    if (src[this.index] !== '\\') {
      const code = src.codePointAt(this.index)!;
      this.index += code > 0xffff ? 2 : 1;
      return { kind: 'char', code };
    }
    const next = src[this.index + 1] ?? '';
    if ('dDsS'.includes(next)) {
      this.index += 2;
      return { kind: 'escape', text: `\\${next}` };
    }
    if (next === 'w' || next === 'W') {
      this.index += 2;
      if (next === 'W' && this.ignoreCase && this.unicode) this.fail('\\W inside a class');
      return { kind: 'escape', text: next === 'w' && this.ignoreCase && this.unicode ? `\\w${WORD_FOLDS}` : `\\${next}` };
    }
    if (next === 'p' || next === 'P') {
      if (this.ignoreCase) this.fail('a property escape');
      const end = src.indexOf('}', this.index);
      const text = src.slice(this.index, end + 1);
      this.index = end + 1;
      return { kind: 'escape', text };
    }
    if (next === 'b') {
      this.index += 2;
      return { kind: 'char', code: 8 };
    }
    return { kind: 'char', code: this.readEscapedCode() };
  }

  private literal(code: number): string {
    const variants = this.ignoreCase ? [code, ...this.caseVariants(code)] : [code];
    if (variants.length === 1) return outsideClassChar(code);
    return `[${variants.map(classChar).join('')}]`;
  }

  /** The other characters the regex's own engine treats as the same letter as `code` under `i`. */
  private caseVariants(code: number): number[] {
    const char = String.fromCodePoint(code);
    const candidates = new Set<number>();
    for (const key of [char.toUpperCase(), char.toLowerCase()]) for (const other of caseIndex().get(key) ?? []) candidates.add(other);
    for (const other of [char.toUpperCase(), char.toLowerCase()]) if ([...other].length === 1) candidates.add(other.codePointAt(0)!);
    candidates.delete(code);
    const same = new RegExp(`^[${classChar(code)}]$`, this.unicode ? 'iu' : 'i');
    return [...candidates].filter((other) => same.test(String.fromCodePoint(other))).sort((a, b) => a - b);
  }
}

let index: Map<string, number[]> | undefined;
/** Every BMP character under its upper- and lower-case forms, so a letter's variants are a lookup. */
function caseIndex(): Map<string, number[]> {
  if (index) return index;
  const built = new Map<string, number[]>();
  for (let code = 0; code <= 0xffff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCharCode(code);
    for (const key of new Set([char.toUpperCase(), char.toLowerCase()])) {
      if (key === char) continue;
      const list = built.get(key) ?? [];
      list.push(code);
      built.set(key, list);
    }
  }
  index = built;
  return built;
}

function hexEscape(code: number): string {
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

function printable(code: number): boolean {
  return code >= 0x20 && code < 0x7f;
}

function classChar(code: number): string {
  const char = String.fromCodePoint(code);
  if (!printable(code)) return hexEscape(code);
  return SYNTAX_INSIDE_CLASS.has(char) ? `\\${char}` : char;
}

function outsideClassChar(code: number): string {
  const char = String.fromCodePoint(code);
  if (!printable(code)) return hexEscape(code);
  return SYNTAX_OUTSIDE_CLASS.has(char) ? `\\${char}` : char;
}

function compressRanges(codes: number[]): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out += j - i >= 2 ? `${classChar(sorted[i]!)}-${classChar(sorted[j]!)}` : sorted.slice(i, j + 1).map(classChar).join('');
    i = j + 1;
  }
  return out;
}
