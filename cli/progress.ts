/** Progress of a batch: a bar on a terminal, plain lines otherwise (logs, pipes, CI). */
import type { CliIO } from './commands/types';

export interface Progress {
  start(label: string): void;
  done(ok: boolean, reason?: string): void;
  end(): void;
}

export function createProgress(
  total: number,
  io: CliIO,
  tty = Boolean(process.stderr.isTTY),
): Progress {
  let n = 0;
  let label = '';
  const bar = () => {
    const width = 30;
    const filled = Math.round((width * n) / Math.max(total, 1));
    const text =
      `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total} ${label}`.slice(
        0,
        (process.stderr.columns || 100) - 1,
      );
    io.err(`\r\x1b[K${text}`);
  };
  return {
    start: (l) => {
      label = l;
      if (tty) bar();
    },
    done: (ok, reason) => {
      n++;
      if (tty) bar();
      else
        io.err(
          `[${n}/${total}] ${ok ? 'captured' : 'FAILED'} ${label}${ok ? '' : `: ${reason ?? ''}`}\n`,
        );
    },
    end: () => {
      if (tty) io.err('\n');
    },
  };
}
