import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as admin from '@novacron/admin';
import * as ai from '@novacron/ai';
import * as cache from '@novacron/cache';
import * as core from '@novacron/core';
import * as events from '@novacron/events';
import * as federation from '@novacron/federation';
import * as resilience from '@novacron/resilience';
import * as sdk from '@novacron/sdk';
import * as vm from '@novacron/vm';
import { DOCS_DIR } from '../src/doc-samples';

const ENTRIES: Record<string, Record<string, unknown>> = { admin, ai, cache, core, events, federation, resilience, sdk, vm };

/** Every class any package exports that is an Error, with the packages that export it. */
function exportedErrorClasses(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [pkg, entry] of Object.entries(ENTRIES)) {
    for (const [name, value] of Object.entries(entry)) {
      if (typeof value === 'function' && value.prototype instanceof Error) found.set(name, [...(found.get(name) ?? []), pkg]);
    }
  }
  return found;
}

describe('docs/errors.md', () => {
  const text = readFileSync(join(DOCS_DIR, 'errors.md'), 'utf8');
  const sections = new Map(
    text
      .split(/^### /m)
      .slice(1)
      .map((section) => [/^`?(\w+)`?/.exec(section)![1]!, section] as const),
  );

  it('has a section for every error class the packages export, and none for a class that does not exist', () => {
    const classes = exportedErrorClasses();
    expect(classes.size).toBeGreaterThanOrEqual(30);
    expect([...classes.keys()].filter((name) => !sections.has(name)).sort()).toEqual([]);
    expect([...sections.keys()].filter((name) => !classes.has(name)).sort()).toEqual([]);
  });

  it('says for each class when it happens and what to do, and names its parent class correctly', () => {
    const classes = exportedErrorClasses();
    for (const [name, section] of sections) {
      expect(section).toMatch(/\*\*When\*\*/);
      expect(section).toMatch(/\*\*What to do\*\*/);
      const pkg = classes.get(name)![0]!;
      const ctor = ENTRIES[pkg]![name] as { prototype: object };
      const parent = (Object.getPrototypeOf(ctor) as { name: string }).name;
      expect(section).toContain(`extends \`${parent}\``);
    }
  });
});
