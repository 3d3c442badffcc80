// `pnpm screenshot`: docs/images/browser-dashboard.png, the page signed in against an embedded
// simulator with a small fleet and a few live events. Kept out of the test so tests never write to the repo.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '@novacron/sdk';
import { startSimulator } from '@novacron/simulator';
import { launchChromium } from '../test/support/chromium';
import { buildDashboard } from './dashboard-build';
import { serveStatic } from './static-server';

const exampleDir = process.cwd();
const target = resolve(exampleDir, '../../docs/images/browser-dashboard.png');
const simulator = await startSimulator({ port: 0, seed: 42, timeScale: 0.05 });
const api = createClient({ baseUrl: simulator.url, email: 'admin@novacron.local', password: 'admin123' });
const outdir = mkdtempSync(join(tmpdir(), 'dashboard-'));
await buildDashboard(exampleDir, outdir);
const site = await serveStatic(outdir);
const chromium = await launchChromium();
try {
  for (const [i, name] of ['web-1', 'web-2', 'api-1', 'db-1'].entries()) await api.vms.create({ name, cpuShares: 2 + i, memoryMb: 2048, diskSizeGb: 20, image: 'ubuntu-24.04' });
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1200, height: 560 });
  await page.goto(`${site.url}/?api=${encodeURIComponent(simulator.url)}`);
  await page.fill('input[name=email]', 'admin@novacron.local');
  await page.fill('input[name=password]', 'admin123');
  await page.click('button[type=submit]');
  await page.waitForSelector('#status:has-text("events: open")');
  const late = await api.vms.create({ name: 'cache-1', cpuShares: 2, memoryMb: 4096, diskSizeGb: 40, image: 'ubuntu-24.04' });
  await page.waitForSelector(`#vms tr[data-vm-id="${late.id}"]`);
  await page.waitForSelector(`#events li[data-resource-id="${late.id}"]`);
  mkdirSync(resolve(target, '..'), { recursive: true });
  await page.screenshot({ path: target });
  console.log(`screenshot: ${target}`);
} finally {
  await chromium.close();
  await site.close();
  await api.close();
  await simulator.close();
  rmSync(outdir, { recursive: true, force: true });
}
