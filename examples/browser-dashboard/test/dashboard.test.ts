import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createClient, type NovaCronClient } from '@novacron/sdk';
import * as esbuild from 'esbuild';
import { startSimulator, type Simulator } from '@novacron/simulator';
import type { Page } from 'playwright-core';
import { buildDashboard } from '../scripts/dashboard-build';
import { serveStatic, type StaticServer } from '../scripts/static-server';
import { launchChromium } from './support/chromium';

const EMAIL = 'admin@novacron.local';
const PASSWORD = 'admin123';

describe('the browser dashboard in headless Chromium', () => {
  let simulator: Simulator;
  let site: StaticServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let api: NovaCronClient;
  let page: Page;
  let outdir: string;
  const sockets: { url: string; sent: string[] }[] = [];
  const crossOriginRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, seed: 42, timeScale: 0.05 });
    api = createClient({ baseUrl: simulator.url, email: EMAIL, password: PASSWORD });
    for (const name of ['fleet-web-1', 'fleet-db-1']) await api.vms.create({ name, cpuShares: 2, memoryMb: 2048, diskSizeGb: 20, image: 'ubuntu-24.04' });
    outdir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    await buildDashboard(join(__dirname, '..'), outdir);
    site = await serveStatic(outdir);
    chromium = await launchChromium();
    page = await chromium.context.newPage();
    page.on('websocket', (socket) => {
      const seen = { url: socket.url(), sent: [] as string[] };
      sockets.push(seen);
      socket.on('framesent', ({ payload }) => seen.sent.push(String(payload)));
    });
    page.on('response', (response) => {
      if (new URL(response.url()).origin === new URL(simulator.url).origin) crossOriginRequests.push(`${response.request().method()} ${response.headers()['access-control-allow-origin'] ?? '(none)'}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${site.url}/?api=${encodeURIComponent(simulator.url)}`);
    await page.fill('input[name=email]', EMAIL);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await site?.close();
    await api?.close();
    await simulator?.close();
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  it('serves the page from another origin than the API, so every API call is a CORS request', () => {
    expect(new URL(site.url).origin).not.toBe(new URL(simulator.url).origin);
  });

  it('signs in and shows the fleet: every VM the API lists appears by name', async () => {
    await page.waitForSelector('#status:has-text("signed in as admin@novacron.local"), #status:has-text("events:")');
    const listed = await api.vms.list({ pageSize: 100 });
    expect(listed.items.map((vm) => vm.name)).toEqual(expect.arrayContaining(['fleet-web-1', 'fleet-db-1']));
    for (const vm of listed.items) await page.waitForSelector(`#vms tr[data-vm-id="${vm.id}"]`);
    const names = await page.$$eval('#vms tr td:first-child', (cells) => cells.map((cell) => cell.textContent));
    expect(names.sort()).toEqual(listed.items.map((vm) => vm.name).sort());
    // The calls really crossed origins: the simulator allowed the page's origin on every response.
    expect(crossOriginRequests.length).toBeGreaterThan(0);
    expect(new Set(crossOriginRequests.map((line) => line.split(' ')[1]))).toEqual(new Set([site.url]));
  });

  it('shows a live event after a VM is created through the API, and adds the VM to the fleet', async () => {
    await page.waitForSelector('#status:has-text("events: open")');
    const created = await api.vms.create({ name: 'made-after-load', cpuShares: 1, memoryMb: 1024, diskSizeGb: 10, image: 'ubuntu-24.04' });
    const row = await page.waitForSelector(`#events li[data-event-type="vm.created"][data-resource-id="${created.id}"]`);
    expect(await row.textContent()).toContain(`vm.created vm/${created.id}`);
    const vmRow = await page.waitForSelector(`#vms tr[data-vm-id="${created.id}"]`);
    expect(await vmRow.textContent()).toContain('made-after-load');
  });

  it('authenticates the event socket by its first message: the URL carries no token', async () => {
    await page.waitForSelector('#status:has-text("events: open")');
    expect(sockets.length).toBeGreaterThan(0);
    for (const { url, sent } of sockets) {
      expect(new URL(url).origin.replace(/^ws/, 'http')).toBe(new URL(simulator.url).origin);
      const first = JSON.parse(sent[0]!) as { type: string; token: string };
      expect(first.type).toBe('auth');
      expect(first.token.split('.')).toHaveLength(3);
      expect(url).not.toContain(first.token);
      expect(new URL(url).search).not.toMatch(/token|jwt/i);
    }
    expect(pageErrors).toEqual([]);
  });

  it('is tree-shaken like the budgeted createClient entry: the page adds under 3 kB gzip to it', async () => {
    // The absolute budget ('createClient + vms.get + events()') is size-limit's gate in CI; this
    // says the page pulls in nothing beyond what that entry does, bundled the same way.
    const reference = await esbuild.build({ entryPoints: [join(__dirname, '../../../bench/bundle-size/sdk-client.js')], bundle: true, format: 'esm', platform: 'browser', minify: true, write: false, absWorkingDir: join(__dirname, '..') });
    const budgetEntry = gzipSync(reference.outputFiles[0]!.contents).length;
    const page = gzipSync(readFileSync(join(outdir, 'dashboard.js'))).length;
    expect(page).toBeGreaterThan(budgetEntry / 2);
    expect(page - budgetEntry).toBeLessThan(3 * 1024);
  });
});
