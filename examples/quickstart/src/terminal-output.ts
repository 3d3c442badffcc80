import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import type { Vm } from '@novacron/sdk';

const interactive = Boolean(process.stdout.isTTY);

interface Bar {
  update(value: number, payload?: Record<string, unknown>): void;
  stop(): void;
}

/** A progress bar on a terminal; one summary line per step where output is a log (CI). */
export function progressBar(label: string, total: number): Bar {
  if (!interactive) return lineBar(label, total);
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(14)} [{bar}] {value}/{total} {failed}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { failed: '' });
  return {
    update: (value, payload) => bar.update(value, { failed: payload?.['failed'] ? `(${payload['failed']} failed)` : '' }),
    stop: () => bar.stop(),
  };
}

export function migrationBar(label: string): Bar {
  console.log(label);
  if (!interactive) return lineBar('  progress', 100, '%');
  const bar = new cliProgress.SingleBar({ format: '  [{bar}] {percentage}% {state} {rate} MiB/s', hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(100, 0, { state: 'pending', rate: '0' });
  return { update: (value, payload) => bar.update(value, payload), stop: () => bar.stop() };
}

function lineBar(label: string, total: number, unit = ''): Bar {
  let last = -1;
  let lastPayload: Record<string, unknown> | undefined;
  return {
    update(value, payload) {
      lastPayload = payload;
      // A line at every quarter, so a log shows movement without a line per tick.
      const quarter = Math.floor((value / total) * 4);
      if (quarter !== last) {
        last = quarter;
        console.log(`${label}: ${value}${unit}/${total}${unit}${payload?.['state'] ? ` ${payload['state']}` : ''}`);
      }
    },
    stop() {
      if (lastPayload?.['failed']) console.log(`${label}: ${lastPayload['failed']} failed`);
    },
  };
}

export function fleetTable(vms: Vm[]): string {
  const table = new Table({
    head: ['name', 'state', 'node', 'provider/region', 'vCPU', 'memory', 'tier'],
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: interactive ? {} : { head: [], border: [] },
  });
  for (const vm of [...vms].sort((a, b) => a.name.localeCompare(b.name))) {
    table.push([
      vm.name,
      vm.state,
      vm.nodeId ?? '—',
      `${vm.cloudProvider ?? '—'}/${vm.region ?? '—'}`,
      String(vm.cpuShares ?? '—'),
      vm.memoryMb ? `${vm.memoryMb / 1024} GiB` : '—',
      vm.tags['tier'] ?? '',
    ]);
  }
  return table.toString();
}
