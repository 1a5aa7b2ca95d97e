import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8 } from '../hash';
import { generateDataKey } from '../vault';
import { conversionPending, ConversionError, convertStore, readConversionMarker } from './convert';
import { CHUNK_SIZE, EvidenceDb } from './db';
import { SPECS } from './encryption-middleware';
import {
  appendCustody,
  assignCase,
  createCase,
  getCustodyLines,
  getItem,
  listCases,
  queryItems,
  readArtifactBytes,
  saveCapture,
  setNotes,
} from './items';
import { getSettings, updateSettings } from './settings';
import { StoreCrypto } from './store-crypto';
import { sampleCapture } from './test-support';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const SECRET = 'Quillwort-93 митинг у суда';
const URL_ = 'https://quillwort.example/93';

async function rawKey(): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', await generateDataKey(true)));
}

/** A clear store with several items, a multi-chunk artifact, cases, notes, settings, a job. */
async function clearStore(): Promise<string> {
  const name = `convert-${crypto.randomUUID()}`;
  names.push(name);
  const db = new EvidenceDb(name);
  const c = await createCase(db, { title: `Case ${SECRET}` });
  await updateSettings(db, { tsa_urls: [URL_] });
  await db.jobs.put({
    id: 'job-1',
    url: URL_,
    status: 'failed',
    started_at: '2026-11-25T09:00:00Z',
  });
  const big = new Uint8Array(2 * CHUNK_SIZE + 777).fill(7);
  big.set(utf8(SECRET), CHUNK_SIZE + 3);
  for (let i = 0; i < 4; i++) {
    const item = await saveCapture(
      db,
      sampleCapture({
        url: `${URL_}?n=${i}`,
        title: `${SECRET} ${i}`,
        text: `text ${SECRET}`,
        tags: [`tag-${SECRET}`],
        artifacts: [
          {
            role: 'html_snapshot',
            name: 'page.html',
            media_type: 'text/html',
            bytes: utf8(`<p>${SECRET} ${i}</p>`),
          },
          ...(i === 1
            ? [{ role: 'media' as const, name: 'v.mp4', media_type: 'video/mp4', bytes: big }]
            : []),
        ],
      }),
    );
    await assignCase(db, item.id, c.id);
    await setNotes(db, item.id, `note ${SECRET}`);
    await appendCustody(db, item.id, 'reviewed', { by: SECRET });
  }
  db.close();
  return name;
}

/** Everything a user can read, as comparable values. */
async function snapshot(db: EvidenceDb) {
  try {
    return await snapshotOf(db);
  } finally {
    if (!db.storeCrypto) db.close();
  }
}

async function snapshotOf(db: EvidenceDb) {
  const items = await queryItems(db, {});
  const out: unknown[] = [];
  for (const i of items.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const bytes = [];
    for (const a of i.artifacts)
      bytes.push(Buffer.from(await readArtifactBytes(db, a.artifact_id)).toString('base64'));
    out.push({ item: await getItem(db, i.id), custody: await getCustodyLines(db, i.id), bytes });
  }
  return {
    items: out,
    cases: await listCases(db),
    settings: await getSettings(db),
    jobs: await db.jobs.toArray(),
  };
}

/** Raw stored rows (no middleware): which are still clear, and whether the secret shows. */
async function rawState(name: string) {
  const raw = new Dexie(name);
  await raw.open();
  let clear = 0;
  let clearChunks = 0;
  let leaks = 0;
  for (const t of raw.tables) {
    for (const row of (await t.toArray()) as Array<Record<string, unknown>>) {
      if (t.name === 'chunks') {
        if (row.enc !== 1) clearChunks++;
        if (Buffer.from(row.data as Uint8Array).includes(Buffer.from(SECRET))) leaks++;
        continue;
      }
      if (SPECS[t.name] && !('_enc' in row) && !String(row.key).startsWith('vault.')) clear++;
      if (JSON.stringify(row).includes('Quillwort') || JSON.stringify(row).includes('quillwort'))
        leaks++;
    }
  }
  raw.close();
  return { clear, clearChunks, leaks };
}

async function open(name: string, key: Uint8Array): Promise<EvidenceDb> {
  const db = new EvidenceDb(name);
  db.storeCrypto = await StoreCrypto.fromRawKey(key);
  return db;
}

describe('turning encryption on', () => {
  it('converts every record and chunk, and everything reads back the same', async () => {
    const name = await clearStore();
    const key = await rawKey();
    const before = await snapshot(new EvidenceDb(name));
    expect((await rawState(name)).leaks).toBeGreaterThan(0);
    const db = await open(name, key);
    const progress: string[] = [];
    const m = await convertStore(db, { batch: 3, onProgress: (p) => progress.push(p.phase) });
    expect(m.phase).toBe('done');
    expect(m.converted).toBeGreaterThan(30);
    expect(progress).toContain('chunks');
    expect(await rawState(name)).toEqual({ clear: 0, clearChunks: 0, leaks: 0 });
    expect(await snapshot(db)).toEqual(before);
    expect(await conversionPending(db)).toBe(false);
    // A second call has nothing to do.
    expect((await convertStore(db)).converted).toBe(m.converted);
    db.close();
  });

  for (const [label, at] of [
    ['inside the first record’s transaction', { n: 1, committed: false }],
    ['after a few records committed', { n: 5, committed: true }],
    ['inside an item’s transaction', { n: 9, committed: false }],
    ['inside a chunk’s transaction', { phase: 'chunks', n: 2, committed: false }],
    ['between two chunks of one file', { phase: 'chunks', n: 3, committed: true }],
  ] as const) {
    it(`interrupted ${label}: resumes on the next run and loses nothing`, async () => {
      const name = await clearStore();
      const key = await rawKey();
      const before = await snapshot(new EvidenceDb(name));
      const first = await open(name, key);
      let seen = 0;
      const stop = new Error('browser killed');
      await expect(
        convertStore(first, {
          batch: 4,
          onStep: (s) => {
            const phaseOk = !('phase' in at) || s.phase === at.phase;
            if (phaseOk && s.committed === at.committed && ++seen === at.n) throw stop;
          },
        }),
      ).rejects.toBe(stop);
      first.close();

      // Half converted: still pending, still all readable.
      const second = await open(name, key);
      expect(await conversionPending(second)).toBe(true);
      expect(await snapshot(second)).toEqual(before);
      const m = await convertStore(second);
      expect(m.phase).toBe('done');
      expect(await rawState(name)).toEqual({ clear: 0, clearChunks: 0, leaks: 0 });
      expect(await snapshot(second)).toEqual(before);
      second.close();
    });
  }

  it('stops with a clear error when a file does not match its recorded hash', async () => {
    const name = await clearStore();
    const tamper = new EvidenceDb(name);
    const chunk = (await tamper.chunks.toArray()).find((c) => c.data.length > CHUNK_SIZE / 2)!;
    const data = chunk.data.slice();
    data[10] = data[10]! ^ 1;
    await tamper.chunks.put({ ...chunk, data });
    tamper.close();
    const db = await open(name, await rawKey());
    await expect(convertStore(db)).rejects.toThrow(ConversionError);
    expect((await readConversionMarker(db))?.phase).toBe('chunks');
    db.close();
  });

  it('stops when the keys are forgotten mid-way (lock, wipe), writes nothing more, resumes later', async () => {
    const name = await clearStore();
    const key = await rawKey();
    const before = await snapshot(new EvidenceDb(name));
    const db = await open(name, key);
    let steps = 0;
    await expect(
      convertStore(db, {
        batch: 4,
        onStep: (s) => {
          if (s.committed && ++steps === 6) db.storeCrypto = null;
        },
      }),
    ).rejects.toThrow(/locked/);
    const marker = await readConversionMarker(db);
    expect(marker?.phase).not.toBe('done');
    expect(steps).toBe(6);
    db.close();
    const again = await open(name, key);
    expect(await readConversionMarker(again)).toEqual(marker);
    expect((await convertStore(again)).phase).toBe('done');
    expect(await snapshot(again)).toEqual(before);
    again.close();
  });

  it('needs the store unlocked', async () => {
    const name = await clearStore();
    const db = new EvidenceDb(name);
    await expect(convertStore(db)).rejects.toThrow(/locked/);
    expect(await readConversionMarker(db)).toBeUndefined();
    db.close();
  });
});
