// docs/configuration.md from the code itself: every `NOVACRON_*` variable the packages read, the
// option it feeds, what it accepts and its default, taken from the sources with the TypeScript
// compiler API (the core's DEFAULTS object, the env readers' checks, the options' doc comments).
// `node scripts/generate-config-docs.mjs` rewrites the file; `--check` fails when it is stale, so
// the table cannot drift from the code (CI runs the check).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'docs/configuration.md');

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

const parse = (file) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
const oneLine = (text) => text.replace(/\s+/g, ' ').trim();
const jsDocOf = (node) => oneLine((node.jsDoc ?? []).map((doc) => (typeof doc.comment === 'string' ? doc.comment : ts.getTextOfJSDocComment(doc.comment) ?? '')).join(' '));

/** Every documented property of every interface in a package: name → doc comments (first wins per interface). */
function optionDocs(files) {
  const docs = new Map();
  for (const source of files) {
    ts.forEachChild(source, function visit(node) {
      if (ts.isInterfaceDeclaration(node)) {
        for (const member of node.members) {
          if (!ts.isPropertySignature(member) || !member.name) continue;
          const doc = jsDocOf(member);
          if (!doc) continue;
          const name = member.name.getText(source);
          docs.set(name, [...(docs.get(name) ?? []), { iface: node.name.text, doc }]);
        }
      }
      ts.forEachChild(node, visit);
    });
  }
  return docs;
}

/** The core's DEFAULTS object, evaluated (its values are literals and arithmetic on them). */
function coreDefaults(source) {
  const defaults = {};
  ts.forEachChild(source, function visit(node) {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'DEFAULTS') {
      let init = node.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression?.(init))) init = init.expression;
      for (const property of init.properties) {
        defaults[property.name.getText(source)] = Function(`return (${property.initializer.getText(source)});`)();
      }
    }
    ts.forEachChild(node, visit);
  });
  return defaults;
}

const defaultFromDoc = (doc) => /\bDefault:? ([^.]*(?:\.\d[^.]*)*)\./.exec(doc)?.[1]?.trim();
const unitless = (doc) => doc.replace(/\s*\bDefault:? [^.]*(?:\.\d[^.]*)*\./, '').trim();

function describe(literal, source, docs, defaults, allDocs) {
  const variable = literal.text;
  let option;
  let inlineDefault;
  let accepts = '';
  const call = ts.isCallExpression(literal.parent) ? literal.parent : undefined;
  if (call) {
    const reader = call.expression.getText(source);
    const check = call.arguments[2];
    if (reader === 'envBoolean') accepts = '`true` / `false`';
    else if (reader === 'envChoice' && check) accepts = oneLine(check.getText(source).replace(/ as const$/, '')).replace(/[[\]']/g, '').split(', ').map((v) => `\`${v}\``).join(', ');
    else if (reader === 'envNumber') {
      accepts = 'a number';
      if (check) {
        const text = check.getText(source);
        const bits = [];
        if (/integer: true/.test(text)) bits[0] = 'a whole number';
        for (const [key, words] of [['min', '≥'], ['above', '>'], ['max', '≤'], ['below', '<']]) {
          const m = new RegExp(`\\b${key}: ([\\d.]+)`).exec(text);
          if (m) bits.push(`${words} ${m[1]}`);
        }
        if (/infinite: true/.test(text)) bits.push('or `Infinity`');
        accepts = [bits[0] ?? 'a number', ...bits.slice(1)].join(' ');
      }
    }
    // `pick(options.x, () => envNumber(...), fallback)`: the option and the default are pick's.
    const pick = ts.isArrowFunction(call.parent) && ts.isCallExpression(call.parent.parent) ? call.parent.parent : undefined;
    if (pick && pick.arguments.length === 3) {
      option = pick.arguments[0].getText(source).split('.').pop();
      inlineDefault = pick.arguments[2].getText(source);
    }
    // `envBoolean(...) ?? true`: the default is on the right.
    if (ts.isBinaryExpression(call.parent) && call.parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && call.parent.left === call) {
      inlineDefault = call.parent.right.getText(source);
    }
    // `option: o.option ?? envNumber(...)`: the property it lands in.
    for (let node = call.parent; node && !option; node = node.parent) {
      if (ts.isPropertyAssignment(node)) option = node.name.getText(source);
      if (ts.isVariableDeclaration(node)) option = undefined;
      if (ts.isBlock(node) || ts.isSourceFile(node)) break;
    }
  } else if (ts.isPropertyAssignment(literal.parent)) {
    option = literal.parent.name.getText(source);
  }
  if (!accepts && /URL/.test(variable)) accepts = 'a URL';
  if (!accepts && /_FILE$/.test(variable)) accepts = 'a PEM file path';
  if (!accepts && /TOKEN|PASSWORD/.test(variable)) accepts = 'a secret (never logged)';
  if (!accepts && /EMAIL|USERNAME/.test(variable)) accepts = 'a string';

  // The doc comment of the option it feeds, or else the one that names the variable.
  // The most specific doc: the shortest one that names the variable, among the option's own first.
  const candidates = option ? docs.get(option) ?? allDocs.get(option) ?? [] : [];
  const shortest = (list) => list.filter((c) => c.doc.includes(variable)).sort((a, b) => a.doc.length - b.doc.length)[0];
  let entry = shortest(candidates) ?? candidates[0];
  if (!entry) entry = shortest([...docs.values()].flat());
  const doc = entry?.doc ?? '';
  let defaultValue = option && option in defaults ? JSON.stringify(defaults[option]) : inlineDefault !== undefined ? `\`${inlineDefault}\`` : defaultFromDoc(doc);
  if (!defaultValue && /\bOff unless set\b/i.test(doc)) defaultValue = 'off';
  const where = entry ? `\`${entry.iface}${option ? `.${option}` : ''}\`` : option ? `\`${option}\`` : '';
  return { variable, where, accepts: accepts || (defaults[option] !== undefined ? typeof defaults[option] : ''), defaultValue: defaultValue ?? '—', doc: (unitless(doc) || doc).replace(/\|/g, '\\|') };
}

export function generate() {
  const rows = [];
  // Options documented in another package (core's retry options, fed by resilience's variables).
  const allDocs = optionDocs(readdirSync(join(ROOT, 'packages')).flatMap((pkg) => {
    try {
      return sourceFiles(join(ROOT, 'packages', pkg, 'src')).map(parse);
    } catch {
      return [];
    }
  }));
  for (const pkg of readdirSync(join(ROOT, 'packages')).sort()) {
    const src = join(ROOT, 'packages', pkg, 'src');
    let files;
    try {
      files = sourceFiles(src).map(parse);
    } catch {
      continue;
    }
    const docs = optionDocs(files);
    const configFile = files.find((f) => f.fileName.endsWith('/core/src/config.ts'));
    const defaults = configFile ? coreDefaults(configFile) : {};
    const seen = new Set();
    for (const source of files) {
      ts.forEachChild(source, function visit(node) {
        if (ts.isStringLiteral(node) && /^NOVACRON_[A-Z0-9_]+$/.test(node.text) && !seen.has(node.text)) {
          seen.add(node.text);
          rows.push({ pkg, file: relative(ROOT, source.fileName), ...describe(node, source, docs, defaults, allDocs) });
        }
        ts.forEachChild(node, visit);
      });
    }
  }
  rows.sort((a, b) => a.pkg.localeCompare(b.pkg) || a.variable.localeCompare(b.variable));
  const lines = [
    '# Configuration',
    '',
    '<!-- Generated by scripts/generate-config-docs.mjs from the sources; CI fails when it is stale. Do not edit by hand: run `pnpm docs:config`. -->',
    '',
    'Every client setting can be passed as an option; most can also come from a `NOVACRON_*` environment',
    'variable. **Options win over variables, which win over defaults**, and every value is validated before',
    'the first request: a bad one throws a `ConfigError` naming the option or variable (never echoing a',
    "secret). Pass `env: {...}` to read variables from somewhere other than `process.env` (a browser has none).",
    '',
    'The tables below are generated from the code: the variable names from the env readers, the defaults',
    "from core's `DEFAULTS` and the options' doc comments.",
    '',
  ];
  for (const pkg of [...new Set(rows.map((r) => r.pkg))]) {
    lines.push(`## @novacron/${pkg}`, '', '| Variable | Option | Default | Accepts | What it does |', '| --- | --- | --- | --- | --- |');
    for (const r of rows.filter((row) => row.pkg === pkg)) lines.push(`| \`${r.variable}\` | ${r.where} | ${r.defaultValue} | ${r.accepts} | ${r.doc} |`);
    lines.push('', `Read in: ${[...new Set(rows.filter((row) => row.pkg === pkg).map((r) => `\`${r.file}\``))].join(', ')}.`, '');
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const text = generate();
  if (process.argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(OUT, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== text) {
      console.error('docs/configuration.md is stale: run `pnpm docs:config` and commit it.');
      process.exit(1);
    }
    console.log('docs/configuration.md matches the code.');
  } else {
    writeFileSync(OUT, text);
    console.log(`wrote ${relative(ROOT, OUT)}`);
  }
}
