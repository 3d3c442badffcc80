import type { ProgressBar, Terminal } from '@novacron/example-shared';
import type { PlanProgressEvent, MigrationPlan } from '@novacron/sdk/federation';

/**
 * Turns a plan's progress events into a bar per VM of the running wave, a line per wave, and the
 * most VMs seen in flight at once (what `concurrency` bounds).
 */
export class WaveProgress {
  maxInFlight = 0;
  private readonly inFlight = new Set<string>();
  private bars: ReturnType<Terminal['bars']> | undefined;
  private readonly perVm = new Map<string, ProgressBar>();

  constructor(
    private readonly term: Terminal,
    private readonly plan: MigrationPlan,
  ) {}

  readonly onProgress = (event: PlanProgressEvent): void => {
    const name = (id: string | undefined) => (id ? (this.plan.moves[id]?.vmName ?? id) : '');
    switch (event.type) {
      case 'wave_started':
        this.term.line(`Wave ${event.wave + 1}/${this.plan.waves.length}: ${this.plan.waves[event.wave]!.map(name).join(', ')}`);
        this.bars = this.term.bars();
        break;
      case 'vm_state': {
        const id = event.vmId!;
        if (event.status === 'starting' || event.status === 'migrating' || event.status === 'rolling_back') this.inFlight.add(id);
        else this.inFlight.delete(id);
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight.size);
        if (!this.perVm.has(id) && this.bars) this.perVm.set(id, this.bars.add(`  ${name(id)}`, 100, '%'));
        const bar = this.perVm.get(id);
        if (event.status === 'moved' || event.status === 'rolled_back') bar?.update(100, event.status);
        else bar?.update(0, `${event.status}${event.message ? `: ${event.message}` : ''}`);
        break;
      }
      case 'vm_progress':
        this.perVm.get(event.vmId!)?.update(Math.round(event.progress ?? 0), event.message);
        break;
      case 'wave_completed':
      case 'wave_failed':
        this.endWave();
        if (event.type === 'wave_failed') this.term.line(`Wave ${event.wave + 1} failed: rolling back the VMs it moved`);
        break;
      case 'rollback_started':
        this.bars = this.term.bars();
        break;
      case 'plan_finished':
        this.endWave();
        break;
      default:
        break;
    }
  };

  /** Ends the bars of the wave (also when the run is interrupted). */
  endWave(): void {
    for (const bar of this.perVm.values()) bar.stop();
    this.bars?.stopAll();
    this.bars = undefined;
    this.perVm.clear();
  }
}
