/**
 * The CLI's dispatcher, separate from cli/protokol.ts so tests can run it in-process.
 */
import { COMMANDS } from './commands/index';
import type { CliIO } from './commands/types';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map(
    (c) => `  ${c.name.padEnd(width)}  ${c.summary}\n      ${c.usage}`,
  ).join('\n');
  return `usage: protokol <command> [arguments]\n\ncommands:\n${list}\n\n  protokol --help    this text\n`;
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(help());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.err(`protokol: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`${cmd.summary}\nusage: ${cmd.usage}\n`);
    return 0;
  }
  return cmd.run(rest, io);
}
