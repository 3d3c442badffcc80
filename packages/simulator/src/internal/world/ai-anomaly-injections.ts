import type { MetricsPointWire } from '@novacron/vm';
import { metricsPoint } from './metrics-generator';
import type { World } from './world';

export type InjectedAnomalyKind = 'spike' | 'level_shift' | 'drift';

/** An anomaly laid over a VM's generated metrics, for the AI routes to find. */
export interface AnomalyInjection {
  id: string;
  vmId: string;
  kind: InjectedAnomalyKind;
  metric: 'cpu' | 'memory' | 'both';
  /** Percentage points added (negative to drop). */
  magnitude: number;
  /** Epoch ms. */
  start: number;
  /**
   * spike: how long it lasts (default 300 s); level_shift: how long the shift holds (default for
   * ever); drift: how long the ramp takes to reach `magnitude`, after which it holds (default 1 h).
   */
  durationSeconds: number | undefined;
}

const injectionsByWorld = new WeakMap<World, AnomalyInjection[]>();

/** The world's injections: kept beside the world rather than in it, so the world stays the shared core. */
export function anomalyInjections(world: World): AnomalyInjection[] {
  let list = injectionsByWorld.get(world);
  if (!list) injectionsByWorld.set(world, (list = []));
  return list;
}

/** How far an injection moves a metric at `ms`. */
export function injectionOffset(injection: AnomalyInjection, ms: number): number {
  const elapsed = (ms - injection.start) / 1000;
  if (elapsed < 0) return 0;
  switch (injection.kind) {
    case 'spike':
      return elapsed <= (injection.durationSeconds ?? 300) ? injection.magnitude : 0;
    case 'level_shift':
      return injection.durationSeconds === undefined || elapsed <= injection.durationSeconds ? injection.magnitude : 0;
    case 'drift': {
      const ramp = injection.durationSeconds ?? 3600;
      return injection.magnitude * Math.min(1, elapsed / ramp);
    }
  }
}

/** `metricsPoint` with this world's injections for the VM applied, clamped to 0..100. */
export function aiMetricsPoint(world: World, vmId: string, epochSeconds: number, running = true): MetricsPointWire {
  const point = metricsPoint(world.seed, vmId, epochSeconds, running);
  if (!running) return point;
  let cpu = 0;
  let memory = 0;
  for (const injection of anomalyInjections(world)) {
    if (injection.vmId !== vmId) continue;
    const offset = injectionOffset(injection, epochSeconds * 1000);
    if (injection.metric !== 'memory') cpu += offset;
    if (injection.metric !== 'cpu') memory += offset;
  }
  if (cpu === 0 && memory === 0) return point;
  return { ...point, cpu_usage: clampPercent(point.cpu_usage + cpu), memory_usage: clampPercent(point.memory_usage + memory) };
}

function clampPercent(value: number): number {
  return Math.round(Math.min(100, Math.max(0, value)) * 100) / 100;
}
