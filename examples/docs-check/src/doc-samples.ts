import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A ```ts block of a doc. `run` in its info string (```ts run) means: also run it against a simulator. */
export interface DocSample {
  /** e.g. `docs/getting-started.md` */
  doc: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  run: boolean;
  /** A file name unique to this sample: `getting-started-3.ts`. */
  fileName: string;
}

export const REPO_ROOT = join(__dirname, '../../..');
export const DOCS_DIR = join(REPO_ROOT, 'docs');

/** Every markdown file under docs/, skipping the generated API reference. */
export function docFiles(dir = DOCS_DIR): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'reference' ? [] : docFiles(path);
      return name.endsWith('.md') ? [path] : [];
    });
}

export function samplesOf(path: string): DocSample[] {
  const doc = relative(REPO_ROOT, path);
  const lines = readFileSync(path, 'utf8').split('\n');
  const samples: DocSample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(ts|typescript)\b(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    const stem = doc.replace(/^docs\//, '').replace(/\.md$/, '').replace(/[^a-z0-9]+/gi, '-');
    samples.push({ doc, line: start + 1, code: `${body.join('\n')}\n`, run: /\brun\b/.test(open[2]!), fileName: `${stem}-${start + 1}.ts` });
  }
  return samples;
}
