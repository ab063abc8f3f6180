import type { GeneratorProgress } from './load/generator-protocol.js';

/** What the bench shows while it runs: which scenario, how long, how many deliveries per second. */
export interface ProgressReporter {
  /** A line of its own (start of a run, a result, a warning). */
  note(line: string): void;
  progress(label: string, update: GeneratorProgress): void;
}

export const silentReporter: ProgressReporter = { note: () => undefined, progress: () => undefined };

export function formatProgress(label: string, p: GeneratorProgress): string {
  const step = p.steps > 1 ? ` step ${p.step + 1}/${p.steps}` : '';
  const rate = Math.round(p.deliveriesPerSec).toLocaleString('en-US');
  return `${label} ${p.phase}${step}  ${(p.elapsedMs / 1000).toFixed(0)} s  deliveries/s ${rate}  clients ${p.connected.toLocaleString('en-US')}`;
}

/**
 * Progress on stderr (stdout stays for the results). On a terminal one line updates in place;
 * in a log (CI) a line is written when the phase changes and every 5 s, not every second.
 */
export function stderrReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const tty = stream.isTTY === true;
  let pending = false;
  let lastKey = '';
  let lastLogged = 0;
  const clear = () => {
    if (pending) stream.write('\r\x1b[2K');
    pending = false;
  };
  return {
    note(line) {
      clear();
      stream.write(`${line}\n`);
    },
    progress(label, update) {
      const line = formatProgress(label, update);
      if (tty) {
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 120) - 1)}`);
        pending = true;
        return;
      }
      const key = `${label}/${update.phase}/${update.step}`;
      if (key !== lastKey || Date.now() - lastLogged >= 5000) {
        stream.write(`${line}\n`);
        lastKey = key;
        lastLogged = Date.now();
      }
    },
  };
}
