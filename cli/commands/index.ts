/**
 * The CLI's commands. Add a module under cli/commands/ and list it here.
 */
import type { CliCommand } from './types';
import { verifyCommand } from './verify';
import { captureCommand } from './capture';
import { fixityCommand } from './fixity';
import { detectCommand } from './detect';
import { exportCommand } from './export';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  verifyCommand,
  captureCommand,
  detectCommand,
  fixityCommand,
  exportCommand,
];
