// `pnpm build`: the page into dist/ (or the folder given), ready for any static server.
import { resolve } from 'node:path';
import { buildDashboard } from './dashboard-build';

const outdir = resolve(process.argv[2] ?? 'dist');
const bytes = await buildDashboard(process.cwd(), outdir);
console.log(`dashboard: ${outdir}/dashboard.js, ${(bytes / 1024).toFixed(1)} kB minified`);
