// How the bundle reports build a browser bundle, as a user's bundler would: esbuild, browser platform,
// ESM, minified, nothing written. `options` adds the entry (entryPoints or stdin) and anything else.
import { build } from 'esbuild';

export function browserBundle(options) {
  return build({ bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', ...options });
}
