/**
 * Helpers for the pack tests (imported by *.test.ts only): an in-memory store, an Ed25519
 * signer made with WebCrypto, memory sinks and sources, and ZIP rebuilding with zip.js.
 */
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { custodyLine } from '../custody';
import { sha256HexOf } from './sha256';
import type { PackInput, PackItemInput, PackSigner, RandomAccessSource } from './types';

const enc = new TextEncoder();

/** A fresh Ed25519 key pair as a PackSigner, plus the private key for re-signing in tests. */
export async function makeSigner(label?: string): Promise<PackSigner & { privateKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const spkiDer = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  const s = {
    keyId: sha256HexOf(spkiDer),
    spkiDer,
    privateKey: pair.privateKey,
    sign: async (bytes: Uint8Array) =>
      new Uint8Array(
        await crypto.subtle.sign({ name: 'Ed25519' }, pair.privateKey, new Uint8Array(bytes)),
      ),
  };
  return label === undefined ? s : { ...s, label };
}

/** Collects what a writer writes; `aborted` tells whether the writer gave up. */
export function memorySink(): {
  sink: WritableStream<Uint8Array>;
  bytes: () => Uint8Array;
  state: { closed: boolean; aborted: boolean };
} {
  const parts: Uint8Array[] = [];
  const state = { closed: false, aborted: false };
  const sink = new WritableStream<Uint8Array>({
    write: (c) => void parts.push(c.slice()),
    close: () => void (state.closed = true),
    abort: () => void (state.aborted = true),
  });
  const bytes = (): Uint8Array => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return { sink, bytes, state };
}

/** A RandomAccessSource over bytes in memory. */
export function memorySource(bytes: Uint8Array): RandomAccessSource {
  return { size: bytes.length, read: async (o, n) => bytes.slice(o, o + n) };
}

let clock = Date.parse('2026-11-20T10:00:00.000Z');
const tick = (): string => new Date((clock += 1000)).toISOString();

/** Builds custody lines for `artifacts` captured, plus extra events. */
export function custodyFor(
  artifacts: Array<{ role: string; path: string; sha256: string }>,
  extra: Array<{ action: string; data: Record<string, unknown> }> = [],
): string[] {
  const lines: string[] = [];
  let prev = '0'.repeat(64);
  const events = [{ action: 'captured', data: { artifacts } as Record<string, unknown> }, ...extra];
  events.forEach((e, seq) => {
    const line = custodyLine({ seq, at: tick(), action: e.action, prev, data: e.data });
    lines.push(line);
    prev = sha256HexOf(enc.encode(line));
  });
  return lines;
}

/** An item with the given artifacts (name → bytes/media type), held in memory. */
export function memoryItem(
  id: string,
  files: Array<{ name: string; role: string; media_type: string; bytes: Uint8Array }>,
  title = 'Задержание у метро <script>alert(1)</script>',
): PackItemInput {
  const refs = files.map((f) => ({
    role: f.role,
    path: `items/${id}/${f.name}`,
    sha256: sha256HexOf(f.bytes),
  }));
  const custody = custodyFor(refs, [{ action: 'tagged', data: { tags: ['arbitrary_detention'] } }]);
  return {
    fields: {
      id,
      kind: 'article',
      url: 'https://example.org/news/1?a=1&b="2"',
      title,
      captured_at: '2026-11-20T09:59:00.000Z',
      source: { site_name: 'Example <b>', lang: 'ru' },
      environment: {
        user_agent: 'Mozilla/5.0 test',
        time_zone: 'Europe/Vilnius',
        viewport: { width: 1280, height: 800 },
      },
      artifacts: refs,
      custody_head: sha256HexOf(enc.encode(custody[custody.length - 1] ?? '')),
      detection: {
        score: 0.8,
        categories: [{ id: 'arbitrary_detention', score: 0.8 }],
        entities: [{ type: 'military_unit', text: 'в/ч 21005', value: '21005' }],
      },
      tags: ['arbitrary_detention'],
      notes: 'note & <notes>',
    },
    custody,
    artifacts: files.map((f, i) => ({
      path: refs[i]?.path ?? '',
      sha256: refs[i]?.sha256 ?? '',
      size: f.bytes.length,
      media_type: f.media_type,
      open: async function* () {
        // Several chunks, so streaming code paths are exercised.
        for (let o = 0; o < f.bytes.length; o += 7000) yield f.bytes.slice(o, o + 7000);
      },
    })),
  };
}

/** A PackInput over in-memory items whose appendExported extends the chain like the store does. */
export function memoryInput(
  items: PackItemInput[],
  caseTitle: string | null = 'Дело №1: задержания',
): PackInput & { logs: Map<string, string[]> } {
  const logs = new Map(items.map((it) => [it.fields.id, [...it.custody]]));
  return {
    case:
      caseTitle === null
        ? null
        : { id: '6f1c9a4e-2b7d-4e8f-9a0b-1c2d3e4f5a6b', title: caseTitle, description: 'Описание' },
    generator: { name: 'protokol', version: '0.1.0', user_agent: 'vitest' },
    items,
    logs,
    appendExported: async (itemId, data) => {
      const lines = logs.get(itemId) ?? [];
      const prev = sha256HexOf(enc.encode(lines[lines.length - 1] ?? ''));
      lines.push(
        custodyLine({ seq: lines.length, at: tick(), action: 'exported', prev, data: { ...data } }),
      );
      return [...lines];
    },
  };
}

/** The entries of a ZIP (read with zip.js, independently of our reader), in archive order. */
export async function unzipAll(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const reader = new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false });
  const out = new Map<string, Uint8Array>();
  for (const e of await reader.getEntries()) {
    if (!e.directory) out.set(e.filename, await e.getData(new Uint8ArrayWriter()));
  }
  await reader.close();
  return out;
}

/** A ZIP of `entries` (in order), deflated, written with zip.js. */
export async function rezip(
  entries: Map<string, Uint8Array>,
  opts: { level?: number } = {},
): Promise<Uint8Array> {
  const w = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, level: opts.level ?? 6 });
  for (const [name, bytes] of entries) await w.add(name, new Uint8ArrayReader(bytes));
  return w.close();
}

/** `n` random bytes (getRandomValues fills at most 64 KiB per call). */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let o = 0; o < n; o += 65536)
    crypto.getRandomValues(out.subarray(o, Math.min(n, o + 65536)));
  return out;
}
