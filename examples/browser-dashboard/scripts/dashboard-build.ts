// Bundles the page for the browser as a user's bundler would: the packages' browser builds (their
// `browser` export condition), tree-shaken, minified.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Writes index.html and dashboard.js of the example at `exampleDir` into `outdir`; returns the script's bytes. */
export async function buildDashboard(exampleDir: string, outdir: string): Promise<number> {
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(exampleDir, 'src/dashboard.ts')],
    outfile: join(outdir, 'dashboard.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: exampleDir,
  });
  copyFileSync(join(exampleDir, 'src/index.html'), join(outdir, 'index.html'));
  return Object.values(result.metafile.outputs)[0]!.bytes;
}
