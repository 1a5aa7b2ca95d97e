/**
 * bench/store-crypto: the cost of the store's encryption layer (utils/store), clear against
 * encrypted, in Node on fake-indexeddb. This isolates the layer's own cost (sealing records and
 * chunks, blind tokens, decrypting on read); the browser figures (real IndexedDB in the
 * extension) come when the vault is wired into the extension.
 * Run: npx tsx bench/store-crypto.ts
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { utf8 } from '../utils/hash';
import { CHUNK_SIZE, EvidenceDb } from '../utils/store/db';
import { convertStore } from '../utils/store/convert';
import { readArtifactBytes, saveCapture, queryItems } from '../utils/store/items';
import { StoreCrypto } from '../utils/store/store-crypto';
import { sampleCapture } from '../utils/store/test-support';
import { generateDataKey } from '../utils/vault';
import { median, table } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function lorem(words: number): string {
  const vocab = 'задержан активист митинг суд полиция протест area report witness street'.split(
    ' ',
  );
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(vocab[(i * 7919) % vocab.length]! + String(i % 997));
  return out.join(' ');
}

/** A typical page capture: 300 KB HTML, a 1.5 MB screenshot, 6,000 words of text. */
function pageCapture() {
  const text = lorem(6000);
  return sampleCapture({
    text,
    artifacts: [
      {
        role: 'html_snapshot',
        name: 'page.html',
        media_type: 'text/html',
        bytes: new Uint8Array(300_000).fill(60),
      },
      {
        role: 'screenshot',
        name: 'shot.png',
        media_type: 'image/png',
        bytes: new Uint8Array(1_500_000).fill(1),
      },
      { role: 'article_text', name: 'text.txt', media_type: 'text/plain', bytes: utf8(text) },
    ],
  });
}

async function key(): Promise<StoreCrypto> {
  const k = await generateDataKey(true);
  return StoreCrypto.fromRawKey(new Uint8Array(await crypto.subtle.exportKey('raw', k)));
}

async function run(encrypted: boolean) {
  const db = new EvidenceDb(`bench-${crypto.randomUUID()}`);
  if (encrypted) db.storeCrypto = await key();
  const save: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await saveCapture(db, pageCapture());
    save.push(performance.now() - t);
  }
  const big = await saveCapture(
    db,
    sampleCapture({
      artifacts: [
        {
          role: 'media',
          name: 'v.mp4',
          media_type: 'video/mp4',
          bytes: new Uint8Array(16 * CHUNK_SIZE).fill(3),
        },
      ],
    }),
  );
  const read: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await readArtifactBytes(db, big.artifacts[0]!.artifact_id);
    read.push(performance.now() - t);
  }
  const search: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await queryItems(db, { text: 'активист' });
    search.push(performance.now() - t);
  }
  await db.delete();
  return {
    save: median(save),
    readMBs: (16 * CHUNK_SIZE) / 1e6 / (median(read) / 1000),
    search: median(search),
  };
}

async function conversion(items: number) {
  const name = `bench-conv-${crypto.randomUUID()}`;
  const db = new EvidenceDb(name);
  for (let i = 0; i < items; i++) await saveCapture(db, pageCapture());
  db.storeCrypto = await key();
  const t = performance.now();
  const m = await convertStore(db);
  const ms = performance.now() - t;
  await Dexie.delete(name);
  return { ms, converted: m.converted };
}

const clear = await run(false);
const enc = await run(true);
const conv = await conversion(50);
const pct = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(0)} %`;
console.log(
  table([
    {
      measure: `saveCapture, page capture (1.8 MB, 6,000 words), median of ${RUNS} (ms)`,
      clear: clear.save.toFixed(1),
      encrypted: enc.save.toFixed(1),
      change: pct(clear.save, enc.save),
    },
    {
      measure: 'read a 64 MiB file back (MB/s)',
      clear: clear.readMBs.toFixed(0),
      encrypted: enc.readMBs.toFixed(0),
      change: pct(clear.readMBs, enc.readMBs),
    },
    {
      measure:
        'search one word prefix (ms; fake-indexeddb is pathologically slow on the clear multi-entry prefix index: not a browser figure)',
      clear: clear.search.toFixed(1),
      encrypted: enc.search.toFixed(1),
      change: pct(clear.search, enc.search),
    },
    {
      measure: `convert a clear store of 50 page captures (${conv.converted} records and chunks) (ms)`,
      clear: '',
      encrypted: conv.ms.toFixed(0),
      change: '',
    },
  ]),
);
