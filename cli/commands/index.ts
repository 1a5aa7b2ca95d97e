/**
 * The CLI's commands. Add a module under cli/commands/ and list it here (capture, detect and
 * fixity are planned).
 */
import type { CliCommand } from './types';
import { verifyCommand } from './verify';
import { captureCommand } from './capture';
import { detectCommand } from './detect';

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [verifyCommand, captureCommand, detectCommand];
