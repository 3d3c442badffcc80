import type { CostRecommendation, ShutdownSchedule, VmUsage } from './cost-types';
import { empiricalPercentile } from './demand-percentile';
import { HOURS_PER_MONTH, type PriceTable } from './price-table';
import { currentHourly, money } from './vm-pricing';

const NON_PRODUCTION = new Set(['dev', 'development', 'test', 'testing', 'qa', 'staging']);
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
const HOUR_MS = 3_600_000;

/** The default test for a VM that may be stopped on a schedule: an env/environment/stage tag naming a non-production stage. */
export function isNonProductionVm(vm: VmUsage): boolean {
  const tags = vm.tags ?? {};
  const stage = tags.env ?? tags.environment ?? tags.stage;
  return stage !== undefined && NON_PRODUCTION.has(stage.toLowerCase());
}

export interface IdleScheduleSettings {
  prices: PriceTable;
  idleCpuPercent: number;
  minIdleHours: number;
  minMonthlySavings: number;
  implementationCost: number;
  currency: string;
}

/**
 * Finds the hours of the day (UTC) a VM is idle — the 95th percentile of its CPU in that hour, over
 * every day seen, under `idleCpuPercent` — and the longest run of them, wrapping over midnight. With
 * a week or more of data, Saturday and Sunday count separately: idle all day on both, they are
 * stopped whole. Needs `start` (the first sample's time) and at least two days of samples.
 */
export function findIdleSchedule(vm: VmUsage, idleCpuPercent: number, minIdleHours: number): ShutdownSchedule | undefined {
  if (vm.start === undefined) return undefined;
  const stepMs = vm.stepMinutes * 60_000;
  const spanDays = (vm.cpuUsage.length * stepMs) / (24 * HOUR_MS);
  if (spanDays < 2) return undefined;
  const useWeekends = spanDays >= 7;
  const weekday: number[][] = Array.from({ length: 24 }, () => []);
  const weekend: number[] = [];
  vm.cpuUsage.forEach((cpu, i) => {
    if (!Number.isFinite(cpu)) return;
    const at = new Date(vm.start! + i * stepMs);
    const day = at.getUTCDay();
    if (useWeekends && (day === 0 || day === 6)) weekend.push(cpu);
    else weekday[at.getUTCHours()]!.push(cpu);
  });
  const idle = weekday.map((values) => values.length >= 2 && empiricalPercentile(values, 95) < idleCpuPercent);
  const weekends = useWeekends && weekend.length > 0 && empiricalPercentile(weekend, 95) < idleCpuPercent;

  // Longest circular run of idle hours.
  let bestStart = -1;
  let bestLength = 0;
  if (idle.every(Boolean)) {
    bestStart = 0;
    bestLength = 24;
  } else {
    for (let startHour = 0; startHour < 24; startHour++) {
      if (!idle[startHour] || idle[(startHour + 23) % 24]) continue;
      let length = 0;
      while (length < 24 && idle[(startHour + length) % 24]) length++;
      if (length > bestLength) {
        bestStart = startHour;
        bestLength = length;
      }
    }
  }
  if (bestLength < minIdleHours && !weekends) return undefined;
  const hours = bestLength >= minIdleHours ? bestLength : 0;
  return { stopAt: hours ? bestStart : 0, startAt: hours ? (bestStart + hours) % 24 : 0, idleHoursPerDay: hours, weekends, timezone: 'UTC' };
}

/** Hours a month a schedule keeps the VM stopped. */
export function stoppedHoursPerMonth(schedule: ShutdownSchedule): number {
  if (!schedule.weekends) return DAYS_PER_MONTH * schedule.idleHoursPerDay;
  return DAYS_PER_MONTH * (5 / 7) * schedule.idleHoursPerDay + DAYS_PER_MONTH * (2 / 7) * 24;
}

/** A stop/start schedule for an idle non-production VM, priced as compute not paid for while stopped. */
export function scheduleShutdown(vm: VmUsage, s: IdleScheduleSettings): CostRecommendation | undefined {
  const schedule = findIdleSchedule(vm, s.idleCpuPercent, s.minIdleHours);
  if (!schedule) return undefined;
  const hourly = currentHourly(vm, s.prices);
  if (hourly === null) return undefined;
  const stopped = stoppedHoursPerMonth(schedule);
  const fields = money(hourly, hourly * (HOURS_PER_MONTH - stopped), s.implementationCost);
  if (fields.monthlySavings < s.minMonthlySavings) return undefined;
  const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const daily = schedule.idleHoursPerDay ? `stop ${pad(schedule.stopAt)}–${pad(schedule.startAt)} UTC daily` : '';
  const title = [daily, schedule.weekends ? 'stop over weekends' : ''].filter(Boolean).join(', ');
  return {
    type: 'scheduling_optimization',
    vmId: vm.vmId,
    vmIds: [vm.vmId],
    title: `${vm.name ?? vm.vmId}: ${title} (idle: CPU p95 under ${s.idleCpuPercent} %)`,
    ...fields,
    risk: 'low',
    riskReason: 'non-production and idle in every one of those hours seen; compute only (disks are still billed)',
    currency: s.currency,
    current: { cpu: vm.cpu, memoryMb: vm.memoryMb, provider: vm.provider, ...(vm.region !== undefined && { region: vm.region }) },
    schedule,
  };
}
