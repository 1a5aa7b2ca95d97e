/**
 * e2e / benchmark helpers (compiled in only with `--mode e2e`, through test-hooks.ts): fill the
 * store quickly with generated captures, and take a snapshot of everything a user can read
 * (items, custody lines, file hashes) to compare before and after a conversion.
 */
import {
  buildPackInput,
  checkStoreFixity,
  openEvidenceDb,
  readArtifactBytes,
  readArtifactChunks,
  saveCapture,
  storeSigner,
  type EvidenceDb,
} from '@/utils/store';
import { writePack } from '@/utils/pack';
import { enableEncryption } from '@/utils/store/vault-store';

export interface GenerateOptions {
  /** How many items. */
  count: number;
  /** Bytes of each item's page.html (generated text, unique per item). Default ~2 KB. */
  htmlBytes?: number;
  /** Every `bigEvery`-th item also gets a random file of `bigBytes` (several 4 MiB chunks). */
  bigEvery?: number;
  bigBytes?: number;
  /** Tags on every item (each adds a custody line). */
  tags?: string[];
  /** Items saved at once (IndexedDB serialises the writes; this overlaps the hashing). */
  parallel?: number;
  /** A marker put in every item's title and text. */
  label?: string;
  /** Fill the big files from this seed (the same bytes in every store), not at random. */
  seed?: number;
}

/** xorshift32 bytes: the same for the same seed, fast enough for hundreds of MB. */
function seededBytes(n: number, seed: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(n / 4));
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  return new Uint8Array(words.buffer, 0, n).slice();
}

function randomBytes(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i += 65_536)
    crypto.getRandomValues(b.subarray(i, Math.min(n, i + 65_536)));
  return b;
}

/** Saves `count` generated captures through saveCapture (the store layer a capture uses). */
export async function generateItems(
  db: EvidenceDb,
  o: GenerateOptions,
): Promise<{ ids: string[]; bytes: number; ms: number }> {
  const t0 = performance.now();
  const enc = new TextEncoder();
  const label = o.label ?? 'generated';
  const ids: string[] = [];
  let bytes = 0;
  const one = async (i: number) => {
    const text = `${label} ${i}: Свидетели сообщают о задержании у метро, протокол ${i * 7919}. `;
    const html = `<!doctype html><html><body><h1>${label} ${i}</h1><p>${text.repeat(
      Math.max(1, Math.ceil((o.htmlBytes ?? 2000) / text.length)),
    )}</p></body></html>`;
    const artifacts: Parameters<typeof saveCapture>[1]['artifacts'] = [
      {
        role: 'html_snapshot',
        name: 'page.html',
        media_type: 'text/html',
        bytes: enc.encode(html),
      },
    ];
    if (o.bigEvery && o.bigBytes && i % o.bigEvery === 0)
      artifacts.push({
        role: 'media',
        name: 'video.bin',
        media_type: 'application/octet-stream',
        bytes: o.seed === undefined ? randomBytes(o.bigBytes) : seededBytes(o.bigBytes, o.seed + i),
      });
    bytes += artifacts.reduce((s, a) => s + (a.bytes?.length ?? 0), 0);
    const item = await saveCapture(db, {
      kind: 'page',
      url: `https://example.org/${label}/${i}`,
      title: `${label} ${i}`,
      source: { generated: true },
      environment: { user_agent: navigator.userAgent, extension_version: 'e2e' },
      alterations: [],
      text,
      tags: o.tags ?? [],
      artifacts,
    });
    ids[i] = item.id;
  };
  const parallel = o.parallel ?? 8;
  for (let i = 0; i < o.count; i += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, o.count - i) }, (_, k) => one(i + k)),
    );
  }
  return { ids, bytes, ms: performance.now() - t0 };
}

async function sha256Hex(b: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>));
  return Array.from(d, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Key order independent JSON. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export interface StoreSnapshot {
  /** SHA-256 of the canonical JSON of every item (by id), as the store's readers return them. */
  items: string;
  custody: string;
  itemCount: number;
  custodyCount: number;
  /** Each file: the hash recorded at capture and the hash of the bytes read back now. */
  artifacts: Array<{ id: string; size: number; recorded: string; read: string }>;
  /** Whether every chunk is sealed (`enc: 1`), and how many chunks there are. */
  chunks: { total: number; sealed: number };
  fixity?: { items: number; ok: number; failed: number };
}

/** Everything a user can read, reduced to hashes (read through the encryption layer). */
export async function storeSnapshot(
  db: EvidenceDb,
  opts: { fixity?: boolean } = {},
): Promise<StoreSnapshot> {
  const enc = new TextEncoder();
  const items = (await db.items.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
  const custody = (await db.custody.toArray()).sort((a, b) =>
    a.item_id === b.item_id ? a.seq - b.seq : a.item_id < b.item_id ? -1 : 1,
  );
  const artifacts = [];
  for (const a of (await db.artifacts.toArray()).sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const bytes = await readArtifactBytes(db, a.id);
    artifacts.push({ id: a.id, size: a.size, recorded: a.sha256, read: await sha256Hex(bytes) });
  }
  let total = 0;
  let sealed = 0;
  await db.chunks
    .toCollection()
    .raw()
    .each((c: { enc?: number }) => {
      total++;
      if (c.enc === 1) sealed++;
    });
  const fixity = opts.fixity ? await checkStoreFixity(db) : undefined;
  return {
    items: await sha256Hex(enc.encode(canonical(items))),
    custody: await sha256Hex(enc.encode(canonical(custody))),
    itemCount: items.length,
    custodyCount: custody.length,
    artifacts,
    chunks: { total, sealed },
    ...(fixity
      ? { fixity: { items: fixity.items, ok: fixity.ok, failed: fixity.failed.length } }
      : {}),
  };
}

/**
 * Builds and signs a pack of these items as the export does (buildPackInput, storeSigner,
 * writePack), into a sink that only counts bytes: the export's own cost, without a download.
 */
export async function exportToNowhere(
  db: EvidenceDb,
  itemIds: string[],
): Promise<{ size: number; ms: number; artifactBytes: number }> {
  const t0 = performance.now();
  const input = await buildPackInput(db, {
    itemIds,
    generator: { name: 'protokol', version: 'bench', user_agent: navigator.userAgent },
  });
  const signer = await storeSigner(db);
  let size = 0;
  const sink = new WritableStream<Uint8Array>({
    write: (c) => {
      size += c.byteLength;
    },
  });
  await writePack(input, sink, signer);
  const artifactBytes = input.items.reduce(
    (s, i) => s + i.artifacts.reduce((t, a) => t + a.size, 0),
    0,
  );
  return { size, ms: performance.now() - t0, artifactBytes };
}

/**
 * The same pack exported from a clear store and from an encrypted one, alternately (clear,
 * encrypted, clear, …), so that a machine whose load changes weighs on both alike. Two
 * throwaway databases in this worker hold the same generated items (same bytes: `seed`); the
 * encrypted one is unlocked (a fast KDF: unlock cost is not what is measured here).
 */
export async function exportBenchPair(o: {
  count: number;
  bigBytes: number;
  runs: number;
}): Promise<{
  clearMs: number[];
  encryptedMs: number[];
  artifactBytes: number;
  packBytes: number;
  /** Reading every file once (chunks read and, encrypted, decrypted; nothing else). */
  readClearMs: number[];
  readEncryptedMs: number[];
}> {
  const clear = openEvidenceDb('protokol-bench-clear');
  const enc = openEvidenceDb('protokol-bench-encrypted');
  try {
    await enableEncryption(enc, 'bench passphrase', {
      vault: { argon: { m_kib: 8192, t: 1, p: 1 } },
    });
    const gen = {
      count: o.count,
      bigEvery: 1,
      bigBytes: o.bigBytes,
      parallel: 4,
      seed: 1,
      label: 'pack',
    };
    const a = await generateItems(clear, gen);
    const b = await generateItems(enc, gen);
    const clearMs: number[] = [];
    const encryptedMs: number[] = [];
    let artifactBytes = 0;
    let packBytes = 0;
    const readAll = async (db: EvidenceDb) => {
      const t0 = performance.now();
      for (const a of await db.artifacts.toArray())
        for await (const chunk of readArtifactChunks(db, a.id)) void chunk;
      return performance.now() - t0;
    };
    const readClearMs: number[] = [];
    const readEncryptedMs: number[] = [];
    for (let i = 0; i < o.runs; i++) {
      readClearMs.push(await readAll(clear));
      readEncryptedMs.push(await readAll(enc));
      const x = await exportToNowhere(clear, a.ids);
      const y = await exportToNowhere(enc, b.ids);
      clearMs.push(x.ms);
      encryptedMs.push(y.ms);
      artifactBytes = x.artifactBytes;
      packBytes = x.size;
    }
    return { clearMs, encryptedMs, artifactBytes, packBytes, readClearMs, readEncryptedMs };
  } finally {
    await clear.delete();
    await enc.delete();
  }
}
