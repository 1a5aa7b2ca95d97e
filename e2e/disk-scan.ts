/**
 * Reading what the extension left in a closed browser profile: every file of its IndexedDB
 * (LevelDB and blob directories), its extension storage and its file systems, searched for
 * byte strings (text in UTF-8, UTF-16LE and Latin-1, or raw bytes).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Worker } from 'playwright-core';

/**
 * A page for the scans to look for: an article in Russian whose title, heading and twenty
 * paragraphs hold `phrase`.
 */
export function phrasePage(phrase: string): string {
  return (
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>${phrase}</title></head>` +
    `<body><article><h1>${phrase}</h1>${`<p>${phrase}. Свидетели сообщают о задержании.</p>`.repeat(20)}</article></body></html>`
  );
}

type CaptureHooks = {
  db: unknown;
  runCapture(tabId: number): Promise<{ ok: boolean; item_id?: string; error?: unknown }>;
  store: {
    getItem(db: unknown, id: string): Promise<{ full_page?: { status: string } } | undefined>;
  };
};

/**
 * Captures tab `tabId` through the e2e hooks of the service worker `sw`, then waits (up to
 * 10 s) for the full-page screenshot, added after the save: the capture's answer and the
 * screenshot's status ('none' when the capture failed).
 */
export function captureWithFullPage(
  sw: Worker,
  tabId: number,
): Promise<{ r: { ok: boolean; item_id?: string; error?: unknown }; status: string }> {
  return sw.evaluate(async (tab) => {
    const h = (globalThis as unknown as { __protokol: CaptureHooks }).__protokol;
    const r = await h.runCapture(tab);
    if (!r.ok || !r.item_id) return { r, status: 'none' };
    let status = 'pending';
    for (let i = 0; i < 400 && status === 'pending'; i++) {
      await new Promise((ok) => setTimeout(ok, 25));
      status = (await h.store.getItem(h.db, r.item_id))?.full_page?.status ?? 'none';
    }
    return { r, status };
  }, tabId);
}

/** The directories where Chromium keeps an extension's own storage in a profile. */
export function extensionDirs(profile: string, id: string): string[] {
  const base = join(profile, 'Default');
  return [
    join(base, 'IndexedDB', `chrome-extension_${id}_0.indexeddb.leveldb`),
    join(base, 'IndexedDB', `chrome-extension_${id}_0.indexeddb.blob`),
    join(base, 'Local Extension Settings', id),
    join(base, 'Sync Extension Settings', id),
    join(base, 'Storage', 'ext', id),
    join(base, 'File System'),
  ];
}

/** Every file under the extension's storage directories (absent directories are skipped). */
export async function extensionFiles(profile: string, id: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => null);
    if (!s) return;
    if (s.isDirectory()) for (const e of await readdir(p)) await walk(join(p, e));
    else out.push(p);
  };
  for (const r of extensionDirs(profile, id)) await walk(r);
  return out;
}

/** A text in the encodings a browser may store it in. */
export function textForms(s: string): Buffer[] {
  return [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le'), Buffer.from(s, 'latin1')];
}

export interface ScanResult {
  files: string[];
  bytes: number;
  /** `<file>: <label>` for every needle found. */
  hits: string[];
}

/** Searches every extension storage file for each labelled needle (any of its forms). */
export async function scanProfile(
  profile: string,
  id: string,
  needles: Record<string, Buffer[]>,
): Promise<ScanResult> {
  const files = await extensionFiles(profile, id);
  const hits = new Set<string>();
  let bytes = 0;
  for (const f of files) {
    const data = await readFile(f);
    bytes += data.length;
    for (const [label, forms] of Object.entries(needles))
      if (forms.some((b) => b.length > 0 && data.includes(b))) hits.add(`${f}: ${label}`);
  }
  return { files, bytes, hits: [...hits] };
}

/** `scanProfile` for texts: each text is its own label, searched in its text forms. */
export function scanTexts(profile: string, id: string, texts: string[]): Promise<ScanResult> {
  return scanProfile(profile, id, Object.fromEntries(texts.map((t) => [t, textForms(t)])));
}
