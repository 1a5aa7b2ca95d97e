/** Arguments of `protokol capture` (exact names are a public contract: extend, never change). */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface CaptureArgs {
  profile: string;
  caseName?: string;
  urls: string[];
  browser?: string;
  browserArgs: string[];
  out: string;
  /** `--passphrase-file`: the store is encrypted and the profile keeps nothing else. */
  passphraseFile?: string;
  /** Each page's media saved with it as items of their own: videos (default), all, none. */
  media: MediaMode;
  /** How long to record a streamed video that has no file (seconds, or until it ends). */
  recordFor: number | 'end';
}

export type MediaMode = 'video' | 'all' | 'none';
export const MEDIA_MODES: readonly MediaMode[] = ['video', 'all', 'none'];
/** Batch default for streams: short, since each one is recorded in real time. */
export const DEFAULT_RECORD_SECONDS = 10;

export const CAPTURE_USAGE =
  'protokol capture [--profile DIR] [--passphrase-file FILE] [--case NAME] [--urls FILE] [--browser PATH] [--browser-arg ARG]... [--media video|all|none] [--record-seconds N|end] --out PACK URL...';

/** The default profile, under the user's data directory, apart from the `npm start` profile. */
export function defaultProfile(): string {
  const data = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(data, 'protokol', 'cli-profile');
}

/** URLs from a file: one per line, or the first http(s) URL of each line of a CSV/TSV export. */
export function urlsFromText(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /https?:\/\/[^\s,;"'<>]+/i.exec(t);
    if (m) out.push(m[0]);
    // A spreadsheet row without a link (its header, a note) is skipped; a bare line is kept,
    // so a mistyped URL is reported as a failure rather than dropped in silence.
    else if (!/[,;\t]/.test(t)) out.push(t);
  }
  return out;
}

export function parseCaptureArgs(args: string[]): CaptureArgs | { error: string } {
  const r: Partial<CaptureArgs> & { urls: string[]; browserArgs: string[] } = {
    urls: [],
    browserArgs: [],
    media: 'video',
    recordFor: DEFAULT_RECORD_SECONDS,
  };
  const value = (i: number, name: string): string | { error: string } => {
    const v = args[i];
    return v === undefined ? { error: `${name} needs a value` } : v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const take = (): string | { error: string } =>
      inline !== undefined ? inline : value(++i, flag);
    const valued = [
      '--profile',
      '--passphrase-file',
      '--case',
      '--urls',
      '--browser',
      '--browser-arg',
      '--out',
    ];
    if ([...valued, '--media', '--record-seconds'].includes(flag)) {
      const v = take();
      if (typeof v !== 'string') return v;
      if (flag === '--media') {
        if (!MEDIA_MODES.includes(v as MediaMode))
          return { error: `--media takes video, all or none (not "${v}")` };
        r.media = v as MediaMode;
      } else if (flag === '--record-seconds') {
        const n = Number(v);
        if (v !== 'end' && !(Number.isInteger(n) && n >= 1 && n <= 3600))
          return {
            error: `--record-seconds takes a whole number of seconds from 1 to 3600, or end (not "${v}")`,
          };
        r.recordFor = v === 'end' ? 'end' : n;
      } else if (flag === '--profile') r.profile = v;
      else if (flag === '--passphrase-file') r.passphraseFile = v;
      else if (flag === '--case') r.caseName = v;
      else if (flag === '--browser') r.browser = v;
      else if (flag === '--browser-arg') r.browserArgs.push(v);
      else if (flag === '--out') r.out = v;
      else {
        try {
          r.urls.push(...urlsFromText(readFileSync(v, 'utf8')));
        } catch (e) {
          return {
            error: `cannot read --urls file ${v}: ${e instanceof Error ? e.message : String(e)}`,
          };
        }
      }
    } else if (a.startsWith('-')) return { error: `unknown option ${a}` };
    else r.urls.push(a);
  }
  if (!r.out) return { error: 'give --out PACK, the pack to write' };
  if (r.urls.length === 0) return { error: 'give at least one URL (or --urls FILE)' };
  return {
    profile: r.profile ?? defaultProfile(),
    urls: r.urls,
    browserArgs: r.browserArgs,
    out: r.out,
    media: r.media ?? 'video',
    recordFor: r.recordFor ?? DEFAULT_RECORD_SECONDS,
    ...(r.caseName ? { caseName: r.caseName } : {}),
    ...(r.browser ? { browser: r.browser } : {}),
    ...(r.passphraseFile !== undefined ? { passphraseFile: r.passphraseFile } : {}),
  };
}
