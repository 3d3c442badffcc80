/**
 * A clock the simulator reads (its `clock` option) that an example moves by hand: VMs created "two
 * weeks ago" have two weeks of metrics history, and a plan due in six hours can be acted on now.
 */
export class SimulatedClock {
  constructor(private ms: number) {}

  readonly now = (): number => this.ms;

  advanceTo(ms: number): void {
    if (ms < this.ms) throw new RangeError('a simulated clock only moves forward');
    this.ms = ms;
  }
}
