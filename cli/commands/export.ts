/**
 * `protokol export [--profile DIR] [--passphrase-file FILE] [--case NAME] [--browser PATH]
 * [--browser-arg ARG]... --out PACK`: one signed pack of every item of a profile's store, or of
 * the case titled NAME. Exit 0 written, 2 bad usage, no browser, no such case or nothing to
 * export, 3 when the passphrase does not unlock the store, 130 interrupted. An encrypted
 * profile (made by `capture --passphrase-file`) needs --passphrase-file; the pack itself is
 * not encrypted.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultProfile } from '../capture-args';
import { browserPath } from '../browser-session';
import { ensureExtensionBuilt } from '../extension-build';
import { readPassphraseFile } from '../passphrase';
import { isInside } from '../private-profile';
import {
  closeCommandSession,
  EXIT_INTERRUPTED,
  openCommandSession,
  type StoreSession,
} from '../store-session';
import type { CliCommand, CliIO } from './types';

const USAGE =
  'protokol export [--profile DIR] [--passphrase-file FILE] [--case NAME] [--browser PATH] [--browser-arg ARG]... --out PACK';

interface Args {
  profile: string;
  passphraseFile?: string;
  caseName?: string;
  browser?: string;
  browserArgs: string[];
  out?: string;
}

function parse(args: string[]): Args | { error: string } {
  const r: Args = { profile: defaultProfile(), browserArgs: [] };
  const valued = [
    '--profile',
    '--passphrase-file',
    '--case',
    '--browser',
    '--browser-arg',
    '--out',
  ];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    if (!valued.includes(flag)) return { error: `unknown argument ${a}` };
    const v = inline ?? args[++i];
    if (v === undefined) return { error: `${flag} needs a value` };
    if (flag === '--profile') r.profile = v;
    else if (flag === '--passphrase-file') r.passphraseFile = v;
    else if (flag === '--case') r.caseName = v;
    else if (flag === '--browser') r.browser = v;
    else if (flag === '--browser-arg') r.browserArgs.push(v);
    else r.out = v;
  }
  if (!r.out) return { error: 'give --out PACK, the pack to write' };
  return r;
}

type Automation = {
  itemIds(caseTitle?: string): Promise<{ caseId: string | null; ids: string[] }>;
  exportPack(s: unknown): Promise<{ fileName: string; size: number; pack_id: string }>;
};

async function exportAll(session: StoreSession, a: Args, io: CliIO): Promise<number> {
  const { control } = session;
  try {
    const sel = await control.evaluate(
      (c) =>
        (globalThis as unknown as { protokolAutomation: Automation }).protokolAutomation.itemIds(
          c ?? undefined,
        ),
      a.caseName ?? null,
    );
    if (sel.ids.length === 0) {
      io.err(`protokol export: nothing to export: the ${a.caseName ? 'case' : 'store'} is empty\n`);
      return 2;
    }
    const out = resolve(a.out!);
    mkdirSync(dirname(out), { recursive: true });
    const downloadP = control.waitForEvent('download', { timeout: 600_000 });
    const exported = control.evaluate(
      (s) =>
        (globalThis as unknown as { protokolAutomation: Automation }).protokolAutomation.exportPack(
          s,
        ),
      { itemIds: sel.ids, caseId: sel.caseId },
    );
    const [download, info] = await Promise.all([downloadP, exported]);
    await download.saveAs(out);
    io.out(
      `Exported ${sel.ids.length} items${a.caseName ? ` of case "${a.caseName}"` : ''}.\n` +
        `Pack: ${out} (${info.size} bytes, pack id ${info.pack_id})\n`,
    );
    return 0;
  } catch (e) {
    if (session.interrupted()) return EXIT_INTERRUPTED;
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    io.err(`protokol export: ${msg}\n`);
    return 2;
  }
}

async function run(args: string[], io: CliIO): Promise<number> {
  const a = parse(args);
  if ('error' in a) return usage(io, a.error);
  if (!existsSync(a.profile)) return usage(io, `no profile at ${a.profile}`);
  let passphrase: string | undefined;
  if (a.passphraseFile !== undefined) {
    const p = readPassphraseFile(a.passphraseFile);
    if ('error' in p) return usage(io, p.error);
    passphrase = p.passphrase;
    if (isInside(a.out!, a.profile)) {
      io.err(
        `protokol export: --out must be outside the profile folder with --passphrase-file (the pack is not encrypted)\n`,
      );
      return 2;
    }
  }
  const exe = browserPath(a.browser);
  if (!exe) return usage(io, 'no Chromium or Chrome found; install one or pass --browser PATH');
  let ext: string;
  try {
    ext = ensureExtensionBuilt((s) => io.err(s));
  } catch (e) {
    io.err(`protokol export: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const session = await openCommandSession(
    'export',
    {
      profile: a.profile,
      ext,
      browser: exe,
      browserArgs: a.browserArgs,
      passphrase,
    },
    io,
  );
  if (typeof session === 'number') return session;
  return closeCommandSession('export', session, await exportAll(session, a, io), io);
}

function usage(io: CliIO, msg: string): number {
  io.err(`protokol export: ${msg}\nusage: ${USAGE}\n`);
  return 2;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "export a profile's store (or one case) as one signed pack",
  usage: USAGE,
  run,
};
