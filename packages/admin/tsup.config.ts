import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

export default defineConfig([packageBuild({ entry: ['src/index.ts'] }), browserModuleBuild()]);
