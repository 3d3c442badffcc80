import { defineConfig } from 'tsup';
import { browserModuleBuild, packageBuild } from '../../tsup.shared';

// Node loads one bundled file; browsers get one file per module, so an app that only places VMs
// does not carry the forecasting engine or the anomaly detectors.
export default defineConfig([packageBuild({ entry: ['src/index.ts'] }), browserModuleBuild()]);
