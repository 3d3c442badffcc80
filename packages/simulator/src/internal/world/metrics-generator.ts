import type { MetricsPointWire } from '@novacron/vm';
import { unitFromParts } from '../random/seeded-random';

const DAY_SECONDS = 86_400;
/** A running guest always burns something (kernel, agents, timers): its CPU and memory never read 0 %. */
const RUNNING_FLOOR_PERCENT = 0.5;

/**
 * Metrics as a pure function of (seed, vm id, second): a daily sine plus hashed noise, so the same
 * seed gives the same numbers on every run and history never changes once served. A running VM's
 * percentages are bent softly into [0.5, 100): a hard clamp at 0 made a quiet VM read exactly 0 % CPU
 * for some (id, time of day), which no real guest does.
 */
export function metricsPoint(seed: number | string, vmId: string, epochSeconds: number, running = true): MetricsPointWire {
  const second = Math.floor(epochSeconds);
  const phase = unitFromParts([seed, vmId, 'phase']) * 2 * Math.PI;
  const base = 20 + unitFromParts([seed, vmId, 'base']) * 40;
  const season = Math.sin((2 * Math.PI * (second % DAY_SECONDS)) / DAY_SECONDS + phase);
  const noise = (channel: string) => unitFromParts([seed, vmId, channel, second]) - 0.5;
  const cpu = running ? runningPercent(base + 25 * season + 10 * noise('cpu')) : 0;
  const memory = running ? runningPercent(base + 15 + 8 * season + 4 * noise('mem')) : 0;
  // Disks fill slowly and are cleaned up now and then: up to 10 points over a 30-day cycle, phase per VM.
  // (Growth counted from 1970 put every disk at 87-100 % today, so every VM raised a disk alert.)
  const cycle = (second / (30 * DAY_SECONDS) + unitFromParts([seed, vmId, 'disk-phase'])) % 1;
  const disk = clamp(30 + unitFromParts([seed, vmId, 'disk']) * 40 + 10 * cycle, 0, 100);
  const traffic = running ? Math.max(0.01, 1 + season * 0.6 + noise('net')) : 0;
  return {
    timestamp: new Date(second * 1000).toISOString(),
    cpu_usage: round2(cpu),
    memory_usage: round2(memory),
    disk_usage: round2(disk),
    network_rx_bytes: Math.round(traffic * 2_000_000),
    network_tx_bytes: Math.round(traffic * 800_000),
    iops: running ? Math.round(Math.max(1, 200 + 150 * season + 100 * noise('iops'))) : 0,
  };
}

/**
 * Softplus against the floor keeps the value smooth and strictly above it (≈ the raw value once it is
 * a few points clear), and the hard cap at 100 keeps it a percentage; rounding to 2 decimals cannot
 * reach 0 because the floor is 0.5.
 */
function runningPercent(raw: number): number {
  const excess = raw - RUNNING_FLOOR_PERCENT;
  const softplus = excess > 30 ? excess : Math.log1p(Math.exp(excess));
  return Math.min(100, RUNNING_FLOOR_PERCENT + softplus);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
