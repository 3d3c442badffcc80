import type { WebSocket } from 'ws';

/** One reading on `/api/ws/metrics`, snake_case as upstream sends it. */
export interface MetricsSample {
  cpu_usage: number;
  memory_usage: number;
  disk_usage: number;
  network_io: number;
  status: string;
}

export const METRICS_PATHS = ['/api/ws/metrics', '/ws/metrics'] as const;

/** Upstream's rule: absent means 5 s; otherwise an integer 1–300, else the upgrade is refused with 400. */
export function parseMetricsInterval(raw: string | null): number | undefined {
  if (raw === null || raw === '') return 5;
  if (!/^\d+$/.test(raw)) return undefined;
  const seconds = Number(raw);
  return seconds >= 1 && seconds <= 300 ? seconds : undefined;
}

const NO_DATA: MetricsSample = { cpu_usage: 0, memory_usage: 0, disk_usage: 0, network_io: 0, status: 'no_data' };

/** Streams `metrics_update` messages every `interval` seconds, as upstream's metrics socket does. */
export function attachMetricsSocket(collect: (() => MetricsSample) | undefined) {
  const timers = new Set<NodeJS.Timeout>();
  return {
    serve(ws: WebSocket, intervalSeconds: number) {
      const tick = () => {
        const now = Date.now();
        const sample = collect?.() ?? NO_DATA;
        ws.send(JSON.stringify({ type: 'metrics_update', source: 'system', metrics: { timestamp: now, ...sample }, timestamp: new Date(now).toISOString() }));
      };
      const timer = setInterval(tick, intervalSeconds * 1000);
      timers.add(timer);
      ws.on('close', () => {
        clearInterval(timer);
        timers.delete(timer);
      });
      // Filters are accepted for upstream compatibility; the simulator has one source.
      ws.on('message', () => undefined);
      tick();
    },
    close() {
      for (const timer of timers) clearInterval(timer);
      timers.clear();
    },
  };
}
