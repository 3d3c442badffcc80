// API Extractor reports: one per public entry of every publishable package, checked in as
// packages/<pkg>/etc/<name>.api.md (the root entry is <pkg>.api.md, a subpath `/node` is
// <pkg>-node.api.md). The sdk's subpaths that only re-export another package (`@novacron/sdk/vm`
// is `export * from '@novacron/vm'`) are covered by that package's report.
//
//   node scripts/api-reports.mjs           CI: fails when a public surface differs from its report
//   node scripts/api-reports.mjs --update  rewrites the reports (commit them with the change)
//
// The packages must be built: the reports are made from the published .d.ts files, so they show
// exactly what a user compiles against. Names tagged `@internal` are exported for our own packages
// only; the reports mark them, and they are not covered by semver.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { isPublicSubpath, publishablePackages } from './check-bundles.mjs';

const update = process.argv.includes('--update');

/** The entry's source (`./dist/cache-redis.js` → `src/cache-redis.ts`) is `export * from '@novacron/x';` and nothing else. */
function isReexport(dir, built) {
  const source = join(dir, built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'));
  return existsSync(source) && /^(\s*export \* from '[^']+';\s*)+$/.test(readFileSync(source, 'utf8'));
}

function reports() {
  const list = [];
  for (const { dir, pkg } of publishablePackages()) {
    const base = pkg.name.split('/')[1];
    for (const [subpath, conditions] of Object.entries(pkg.exports ?? {})) {
      if (!isPublicSubpath(subpath)) continue;
      const name = subpath === '.' ? base : `${base}-${subpath.slice(2).replace(/\//g, '-')}`;
      if (subpath !== '.' && isReexport(dir, conditions.import.default)) continue;
      list.push({ dir, pkg, name, types: join(dir, conditions.import.types) });
    }
  }
  return list;
}

const MESSAGES = {
  compilerMessageReporting: { default: { logLevel: 'warning' } },
  extractorMessageReporting: {
    default: { logLevel: 'warning' },
    // Release tags are not used to trim anything: every export without a tag is public.
    'ae-missing-release-tag': { logLevel: 'none' },
    'ae-internal-missing-underscore': { logLevel: 'none' },
    // A type reachable from the API but not exported is listed in the report, where review sees it.
    'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
    'ae-unresolved-link': { logLevel: 'none' },
    // Undocumented members are marked `(undocumented)` in the report instead.
    'ae-undocumented': { logLevel: 'none' },
  },
  tsdocMessageReporting: { default: { logLevel: 'none' } },
};

function main() {
  const temp = mkdtempSync(join(tmpdir(), 'novacron-api-'));
  const changed = [];
  const failed = [];
  try {
    for (const { dir, pkg, name, types } of reports()) {
      const etc = join(dir, 'etc');
      mkdirSync(etc, { recursive: true });
      const configObject = {
        projectFolder: dir,
        mainEntryPointFilePath: types,
        bundledPackages: [],
        compiler: {
          overrideTsconfig: {
            compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: ['node'], strict: true, skipLibCheck: true },
            files: [types],
          },
        },
        apiReport: { enabled: true, reportFileName: `${name}.api.md`, reportFolder: etc, reportTempFolder: temp },
        docModel: { enabled: false },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: MESSAGES,
        newlineKind: 'lf',
      };
      const config = ExtractorConfig.prepare({ configObject, configObjectFullPath: join(dir, 'api-extractor.json'), packageJsonFullPath: join(dir, 'package.json') });
      const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false, messageCallback: (message) => {
        if (message.logLevel === 'warning' || message.logLevel === 'error') {
          console.log(`  ${pkg.name} (${name}): ${message.text}`);
        }
        message.handled = true;
      } });
      const label = `${pkg.name}${name === pkg.name.split('/')[1] ? '' : ` (${name})`}`;
      if (result.apiReportChanged) changed.push(`packages/${dir.split('/packages/')[1]}/etc/${name}.api.md`);
      if (!result.succeeded && !(update && result.errorCount === 0)) failed.push(label);
      console.log(`${result.apiReportChanged ? (update ? '↻' : '✗') : '✓'} ${label}: etc/${name}.api.md${result.apiReportChanged ? (update ? ' updated' : ' differs from the built .d.ts') : ''}`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  if (!update && changed.length > 0) {
    console.log(`\nThe public API changed: run \`pnpm api:update\`, review and commit ${changed.join(', ')}.`);
    process.exit(1);
  }
  if (failed.length > 0) {
    console.log(`\nAPI Extractor reported problems for ${failed.join(', ')}.`);
    process.exit(1);
  }
}

main();
