import cliProgress from 'cli-progress';
import Table from 'cli-table3';

export interface ProgressBar {
  update(value: number, status?: string): void;
  stop(): void;
}

export interface TerminalOptions {
  /** Draw bars and colours. Default: stdout is a terminal. Off, each bar is a line per quarter (a log, CI). */
  interactive?: boolean;
  /** Where lines go. Default console.log. */
  log?: (line: string) => void;
  /** Print nothing (tests). */
  silent?: boolean;
}

/** Progress bars, tables and headings: drawn on a terminal, plain lines in a log, nothing when silent. */
export class Terminal {
  readonly interactive: boolean;
  private readonly write: (line: string) => void;
  private multi: cliProgress.MultiBar | undefined;

  constructor(private readonly options: TerminalOptions = {}) {
    this.interactive = !options.silent && (options.interactive ?? Boolean(process.stdout.isTTY));
    this.write = options.silent ? () => undefined : (options.log ?? ((line) => console.log(line)));
  }

  line(text = ''): void {
    this.write(text);
  }

  heading(text: string): void {
    this.write('');
    this.write(this.interactive ? `\u001b[1m${text}\u001b[0m` : `== ${text}`);
  }

  /** A bar from 0 to `total` with a status text after it. */
  bar(label: string, total: number, unit = ''): ProgressBar {
    if (this.options.silent) return { update: () => undefined, stop: () => undefined };
    if (!this.interactive) return quarterLines(label, total, unit, this.write);
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(28).slice(0, 28)} [{bar}] {value}/{total}${unit} {status}`, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { status: '' });
    return { update: (value, status) => bar.update(value, { status: status ?? '' }), stop: () => bar.stop() };
  }

  /** Several bars at once (VMs migrating in parallel); `stopAll()` ends them together. */
  bars(): { add(label: string, total: number, unit?: string): ProgressBar; stopAll(): void } {
    if (this.options.silent || !this.interactive) {
      return { add: (label, total, unit = '') => this.bar(label, total, unit), stopAll: () => undefined };
    }
    const multi = (this.multi = new cliProgress.MultiBar(
      { format: '{label} [{bar}] {value}/{total}{unit} {status}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    ));
    return {
      add: (label, total, unit = '') => {
        const bar = multi.create(total, 0, { label: label.padEnd(28).slice(0, 28), status: '', unit });
        return { update: (value, status) => bar.update(value, { status: status ?? '' }), stop: () => bar.stop() };
      },
      stopAll: () => {
        multi.stop();
        this.multi = undefined;
      },
    };
  }

  /** A table: header row and rows of cells. */
  table(head: string[], rows: Array<Array<string | number>>): void {
    const table = new Table({
      head,
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      style: this.interactive ? {} : { head: [], border: [] },
    });
    for (const row of rows) table.push(row.map(String));
    this.write(table.toString());
  }
}

function quarterLines(label: string, total: number, unit: string, write: (line: string) => void): ProgressBar {
  let lastQuarter = -1;
  let lastStatus = '';
  return {
    update(value, status) {
      lastStatus = status ?? '';
      // A line at every quarter, so a log shows movement without a line per tick.
      const quarter = total > 0 ? Math.floor((value / total) * 4) : 4;
      if (quarter !== lastQuarter) {
        lastQuarter = quarter;
        write(`${label}: ${value}${unit}/${total}${unit}${lastStatus ? ` ${lastStatus}` : ''}`);
      }
    },
    stop() {
      if (lastQuarter < 4 && lastStatus) write(`${label}: ${lastStatus}`);
    },
  };
}
