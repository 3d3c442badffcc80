import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCache } from '@novacron/cache';
import { createClient } from '@novacron/sdk';
import { registerPrometheusCollectors } from '@novacron/sdk/prometheus';
import { startSimulator, type Simulator } from '@novacron/simulator';
import { Registry } from 'prom-client';
import { DOCS_DIR } from '../src/doc-samples';

interface Target {
  expr: string;
  refId: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource: { type: string; uid: string };
  targets: Target[];
}
interface Dashboard {
  title: string;
  uid: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { name: string; type: string; query?: { query: string } }[] };
  __inputs?: unknown[];
}

const dashboard = JSON.parse(readFileSync(join(DOCS_DIR, 'grafana/novacron-sdk.json'), 'utf8')) as Dashboard;

// PromQL words that are not metric names.
const PROMQL = new Set(['sum', 'rate', 'by', 'without', 'histogram_quantile', 'max', 'min', 'count', 'vector', 'or', 'and', 'unless', 'le', 'avg', 'increase', 'irate', 'on', 'ignoring']);

/** Metric names a PromQL expression reads (identifiers followed by a selector, a range or an operator). */
function metricNames(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, '{}').replace(/\[[^\]]*\]/g, '[]').replace(/"[^"]*"/g, '""');
  const names = [...withoutLabels.matchAll(/\b([a-z_:][a-z0-9_:]*)\b/gi)].map((m) => m[1]!);
  return [...new Set(names.filter((name) => !PROMQL.has(name) && !/^\d/.test(name) && name.startsWith('novacron_')))];
}

interface Exposition {
  /** Metric names declared by a `# TYPE` line (a histogram also as its `_bucket`, `_sum` and `_count` series). */
  names: Set<string>;
  /** The declared families, as declared (a histogram by its base name). */
  families: string[];
  /** Metric names with at least one sample. */
  sampled: Set<string>;
}

/**
 * What the SDK really exposes: the text a prom-client Registry serves with `@novacron/sdk/prometheus`'s
 * collectors on it (the only way the SDK exposes Prometheus metrics), after traffic through the
 * client, its cache (a miss, then an L1 hit), its resilience policies (a 503 retried) and an event stream.
 */
async function exposition(simulator: Simulator): Promise<Exposition> {
  const cache = createCache({ name: 'vms' });
  const client = createClient({ baseUrl: simulator.url, email: 'admin@novacron.local', password: 'admin123', env: {}, cache: { cache, defaultTtl: 30_000 }, resilience: { rateLimit: { requestsPerSecond: 1000 } } });
  const registry = new Registry();
  const collectors = registerPrometheusCollectors(registry, client, { defaultMetrics: false });
  try {
    await client.vms.list();
    await client.vms.list();
    await client.vms.get('vm-does-not-exist').catch(() => undefined);
    simulator.controls.faults.inject({ route: 'GET /nodes', status: 503, times: 1 });
    await client.nodes.list();
    expect(client.resilience!.events.count('retry', 'GET /nodes')).toBe(1);
    expect(cache.metrics().l1.hits).toBeGreaterThanOrEqual(1);
    const stream = await client.events();
    await stream.start();
    const text = await registry.metrics();
    stream.close();
    const result: Exposition = { names: new Set(), families: [], sampled: new Set() };
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) (\w+)$/.exec(line);
      if (type) {
        result.families.push(type[1]!);
        result.names.add(type[1]!);
        if (type[2] === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) result.names.add(type[1]! + suffix);
        continue;
      }
      const sample = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? \S+$/.exec(line);
      if (sample) result.sampled.add(sample[1]!);
    }
    return result;
  } finally {
    simulator.controls.faults.clear();
    collectors.detach();
    await client.close();
  }
}

describe('docs/grafana/novacron-sdk.json', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0, seed: 42 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  it('is a dashboard Grafana imports: title, uid, schema version, unique panel ids, grid positions, a Prometheus datasource variable', () => {
    expect(dashboard.title).toBe('NovaCron SDK');
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(8);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    expect(dashboard.templating.list.find((variable) => variable.name === 'datasource')?.type).toBe('datasource');
    for (const panel of dashboard.panels) {
      expect(['timeseries', 'stat']).toContain(panel.type);
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      expect(panel.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      expect(panel.targets.length).toBeGreaterThan(0);
      expect(new Set(panel.targets.map((target) => target.refId)).size).toBe(panel.targets.length);
    }
  });

  it('queries only metric names the prom-client collectors expose, each with samples after some traffic, and has a panel for every family', async () => {
    const exposed = await exposition(simulator);
    const queried = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNames(target.expr))));
    expect(queried.size).toBeGreaterThanOrEqual(10);
    expect([...queried].filter((name) => !exposed.names.has(name)).sort()).toEqual([]);
    expect([...queried].filter((name) => !exposed.sampled.has(name)).sort()).toEqual([]);
    // Every family @novacron/sdk/prometheus registers (client, pool, event streams, resilience, breakers, cache) has a panel.
    expect(exposed.families.length).toBeGreaterThanOrEqual(8);
    expect(exposed.families.filter((family) => ![...queried].some((name) => name === family || name.startsWith(`${family}_`))).sort()).toEqual([]);
    // The job variable reads its values from an exposed series too.
    const job = dashboard.templating.list.find((variable) => variable.name === 'job')!;
    const jobMetric = /^label_values\((\w+), job\)$/.exec(job.query!.query)?.[1];
    expect(jobMetric && exposed.sampled.has(jobMetric)).toBe(true);
  });

  it('reads the metric names from a query the way Prometheus does (labels, ranges and functions are not names)', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le, route) (rate(novacron_x_bucket{job=~"a"}[5m])))')).toEqual(['novacron_x_bucket']);
    expect(metricNames('count(novacron_a == 2) or vector(0)')).toEqual(['novacron_a']);
  });
});
