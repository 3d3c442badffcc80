import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCache, metricsToPrometheus } from '@novacron/cache';
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
  templating: { list: { name: string; type: string }[] };
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

/** The metric families the SDK really exposes, read from its Prometheus text after some traffic. */
async function exposedFamilies(simulator: Simulator): Promise<Set<string>> {
  const cache = createCache({ name: 'vms' });
  const client = createClient({ baseUrl: simulator.url, email: 'admin@novacron.local', password: 'admin123', cache: { cache }, resilience: { rateLimit: { requestsPerSecond: 1000 } } });
  const registry = new Registry();
  const collectors = registerPrometheusCollectors(registry, client, { defaultMetrics: false });
  try {
    await client.vms.list();
    await client.vms.list();
    await client.vms.get('vm-does-not-exist').catch(() => undefined);
    // Both ways the SDK exposes metrics: its own Prometheus text, and prom-client collectors.
    const text = [client.metrics.toPrometheus(), client.resilience!.metrics(), metricsToPrometheus(cache.metrics(), cache.name), await registry.metrics()].join('\n');
    const families = new Set<string>();
    for (const match of text.matchAll(/^# TYPE (\S+) (\w+)$/gm)) {
      families.add(match[1]!);
      if (match[2] === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) families.add(match[1]! + suffix);
    }
    return families;
  } finally {
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

  it('queries only metric names the SDK exposes (core requests, resilience, cache, prom-client collectors)', async () => {
    const families = await exposedFamilies(simulator);
    const queried = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => metricNames(target.expr))));
    expect(queried.size).toBeGreaterThanOrEqual(10);
    expect([...queried].filter((name) => !families.has(name)).sort()).toEqual([]);
    // Every area the SDK exposes has a panel.
    for (const prefix of ['novacron_client_', 'novacron_resilience_', 'novacron_cache_']) expect([...queried].some((name) => name.startsWith(prefix))).toBe(true);
  });

  it('reads the metric names from a query the way Prometheus does (labels, ranges and functions are not names)', () => {
    expect(metricNames('histogram_quantile(0.95, sum by (le, route) (rate(novacron_x_bucket{job=~"a"}[5m])))')).toEqual(['novacron_x_bucket']);
    expect(metricNames('count(novacron_a == 2) or vector(0)')).toEqual(['novacron_a']);
  });
});
