import type { MetricsPointWire } from '@novacron/vm';
import { unitFromParts } from '../random/seeded-random';

const DAY_SECONDS = 86_400;

/**
 * Metrics as a pure function of (seed, vm id, second): a daily sine plus hashed noise, so the same
 * seed gives the same numbers on every run and history never changes once served.
 */
export function metricsPoint(seed: number | string, vmId: string, epochSeconds: number, running = true): MetricsPointWire {
  const second = Math.floor(epochSeconds);
  const phase = unitFromParts([seed, vmId, 'phase']) * 2 * Math.PI;
  const base = 20 + unitFromParts([seed, vmId, 'base']) * 40;
  const season = Math.sin((2 * Math.PI * (second % DAY_SECONDS)) / DAY_SECONDS + phase);
  const noise = (channel: string) => unitFromParts([seed, vmId, channel, second]) - 0.5;
  const cpu = running ? clamp(base + 25 * season + 10 * noise('cpu'), 0, 100) : 0;
  const memory = running ? clamp(base + 15 + 8 * season + 4 * noise('mem'), 0, 100) : 0;
  const disk = clamp(30 + unitFromParts([seed, vmId, 'disk']) * 40 + second / DAY_SECONDS / 365, 0, 100);
  const traffic = running ? Math.max(0, 1 + season * 0.6 + noise('net')) : 0;
  return {
    timestamp: new Date(second * 1000).toISOString(),
    cpu_usage: round2(cpu),
    memory_usage: round2(memory),
    disk_usage: round2(disk),
    network_rx_bytes: Math.round(traffic * 2_000_000),
    network_tx_bytes: Math.round(traffic * 800_000),
    iops: running ? Math.round(Math.max(0, 200 + 150 * season + 100 * noise('iops'))) : 0,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
