/**
 * `protokol detect [--json | --jsonl] [--lang ru|uk|en] FILE|-`: runs the detection engine on a
 * text or HTML file (HTML is reduced to its article, or its visible text, first) or on standard
 * input. `--jsonl` reads one JSON object with a `text` field per line and writes one result per
 * line. Exit 0 on success, 2 for bad usage, an unreadable file or a malformed JSONL line.
 */
import { readFile } from 'node:fs/promises';
import { Window as HappyWindow } from 'happy-dom';
import { detect, type DetectionResult, type Lang } from '../../utils/detect/index';
import { plainLine } from '../../utils/pack/verify-text';
import { extractArticle } from '../../utils/page/article';
import { visibleText } from '../../utils/page/text';
import type { CliCommand, CliIO } from './types';

const USAGE =
  'protokol detect [--json | --jsonl] [--lang ru|uk|en] FILE|-   exit 0 done, 2 bad usage or unreadable input';
const LANGS = new Set<string>(['ru', 'uk', 'en']);
const HTML_NAME = /\.x?html?$/i;
const HTML_START = /^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<!--)/i;

interface Args {
  file?: string;
  json: boolean;
  jsonl: boolean;
  lang?: Lang;
  error?: string;
}

function parse(args: string[]): Args {
  const out: Args = { json: false, jsonl: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--json') out.json = true;
    else if (a === '--jsonl') out.jsonl = true;
    else if (a === '--lang') {
      const v = args[++i] ?? '';
      if (LANGS.has(v)) out.lang = v as Lang;
      else out.error = '--lang takes ru, uk or en';
    } else if (a.startsWith('-') && a !== '-') out.error = `unknown option ${a}`;
    else if (out.file === undefined) out.file = a;
    else out.error = 'give one file';
  }
  if (out.file === undefined && !out.error) out.error = 'give a file, or - for standard input';
  return out;
}

/** The result as the CLI's JSON shape (passages are for the browser; the CLI leaves them out). */
export function toJson(r: DetectionResult): string {
  return JSON.stringify({
    is_violation: r.is_violation,
    score: r.score,
    lang: r.lang,
    categories: r.categories,
    entities: r.entities,
  });
}

/** Text of an HTML document: Readability's article when there is one, else the visible text. */
export function htmlToText(html: string): string {
  const win = new HappyWindow({
    url: 'https://localhost/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
    },
  });
  try {
    const doc = win.document as unknown as Document;
    doc.write(html);
    return extractArticle(doc)?.text ?? visibleText(doc);
  } finally {
    void win.happyDOM.close();
  }
}

/** A short readable summary; input-derived text is stripped of control characters. */
export function formatResult(r: DetectionResult, text: string): string {
  const lines = [
    `Violation: ${r.is_violation ? 'likely' : 'not detected'} (score ${r.score.toFixed(2)}, language ${r.lang})`,
  ];
  if (r.categories.length)
    lines.push(
      `Categories: ${r.categories.map((c) => `${c.id} ${c.score.toFixed(2)}`).join(', ')}`,
    );
  for (const p of r.passages.slice(0, 5)) {
    const s = plainLine(text.slice(p.start, p.end));
    lines.push(
      `  [${p.start}-${p.end}] ${p.category}: ${s.length > 160 ? `${s.slice(0, 157)}...` : s}`,
    );
  }
  if (r.entities.length) {
    lines.push('Entities:');
    const seen = new Set<string>();
    for (const e of r.entities) {
      const key = `${e.type}\u0000${e.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      lines.push(
        `  ${e.type.padEnd(17)} ${plainLine(e.value)}${e.text !== e.value ? `  ("${plainLine(e.text)}")` : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

async function readInput(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function runJsonl(input: string, a: Args, io: CliIO): number {
  let bad = 0;
  input.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let text: unknown;
    try {
      text = (JSON.parse(line) as { text?: unknown }).text;
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      bad++;
      io.out(
        `${JSON.stringify({ line: i + 1, error: 'not a JSON object with a "text" string' })}\n`,
      );
      return;
    }
    io.out(`${toJson(detect(text, a.lang ? { lang: a.lang } : {}))}\n`);
  });
  if (bad) io.err(`protokol detect: ${bad} malformed line(s)\n`);
  return bad ? 2 : 0;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const a = parse(args);
  if (a.error || a.file === undefined) {
    io.err(`protokol detect: ${a.error ?? 'bad arguments'}\nusage: ${USAGE}\n`);
    return 2;
  }
  let input: string;
  try {
    input = await readInput(a.file);
  } catch (err) {
    io.err(
      `protokol detect: cannot read ${plainLine(a.file)}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 2;
  }
  if (a.jsonl) return runJsonl(input, a, io);
  const text = HTML_NAME.test(a.file) || HTML_START.test(input) ? htmlToText(input) : input;
  const r = detect(text, a.lang ? { lang: a.lang } : {});
  io.out(a.json ? `${toJson(r)}\n` : formatResult(r, text));
  return 0;
}

/** The detect command. */
export const detectCommand: CliCommand = {
  name: 'detect',
  summary:
    'say whether a text or HTML file likely describes a rights violation; extract units, dates, places',
  usage: USAGE,
  run,
};
