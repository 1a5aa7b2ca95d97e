/**
 * `protokol fixity [--profile DIR] [--passphrase-file FILE] [--browser PATH] [--browser-arg ARG]...
 * [--json]`: re-hash every artifact of a profile's store and verify every custody chain,
 * recording the check on each item. Exit 0 intact, 1 when something no longer matches, 2 for
 * bad usage or no browser, 3 when the passphrase does not unlock the store, 130 interrupted.
 * An encrypted profile (made by `capture --passphrase-file`) needs --passphrase-file.
 */
import { existsSync } from 'node:fs';
import { defaultProfile } from '../capture-args';
import { browserPath } from '../browser-session';
import { ensureExtensionBuilt } from '../extension-build';
import { readPassphraseFile } from '../passphrase';
import { closeCommandSession, openCommandSession } from '../store-session';
import type { FixityReport } from '../../utils/store/fixity';
import type { CliCommand, CliIO } from './types';

const USAGE =
  'protokol fixity [--profile DIR] [--passphrase-file FILE] [--browser PATH] [--browser-arg ARG]... [--json]';

async function run(args: string[], io: CliIO): Promise<number> {
  let profile = defaultProfile();
  let browser: string | undefined;
  const browserArgs: string[] = [];
  let json = false;
  let passphraseFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    if (flag === '--json') json = true;
    else if (['--profile', '--passphrase-file', '--browser', '--browser-arg'].includes(flag)) {
      const v = inline ?? args[++i];
      if (v === undefined) return usage(io, `${flag} needs a value`);
      if (flag === '--profile') profile = v;
      else if (flag === '--passphrase-file') passphraseFile = v;
      else if (flag === '--browser') browser = v;
      else browserArgs.push(v);
    } else return usage(io, `unknown argument ${a}`);
  }
  if (!existsSync(profile)) return usage(io, `no profile at ${profile}`);
  let passphrase: string | undefined;
  if (passphraseFile !== undefined) {
    const p = readPassphraseFile(passphraseFile);
    if ('error' in p) return usage(io, p.error);
    passphrase = p.passphrase;
  }
  const exe = browserPath(browser);
  if (!exe) return usage(io, 'no Chromium or Chrome found; install one or pass --browser PATH');
  const session = await openCommandSession(
    'fixity',
    {
      profile,
      ext: ensureExtensionBuilt((s) => io.err(s)),
      browser: exe,
      browserArgs,
      passphrase,
    },
    io,
  );
  if (typeof session === 'number') return session;
  let code: number;
  try {
    const r = await session.control.evaluate(() =>
      (
        globalThis as unknown as { protokolAutomation: { fixity(): Promise<FixityReport> } }
      ).protokolAutomation.fixity(),
    );
    if (json) io.out(`${JSON.stringify(r)}\n`);
    else {
      io.out(
        `Checked ${r.items} items (${r.bytes} bytes) in ${profile}: ${r.ok} intact, ${r.failed.length} damaged.\n`,
      );
      for (const f of r.failed)
        io.out(`  ✗ ${f.item_id} ${f.title}\n${f.problems.map((p) => `      ${p}\n`).join('')}`);
    }
    code = r.failed.length ? 1 : 0;
  } catch (e) {
    io.err(`protokol fixity: ${e instanceof Error ? e.message : String(e)}\n`);
    code = 2;
  }
  return closeCommandSession('fixity', session, code, io);
}

function usage(io: CliIO, msg: string): number {
  io.err(`protokol fixity: ${msg}\nusage: ${USAGE}\n`);
  return 2;
}

export const fixityCommand: CliCommand = {
  name: 'fixity',
  summary: 're-hash every stored artifact of a profile and verify its custody chains',
  usage: USAGE,
  run,
};
