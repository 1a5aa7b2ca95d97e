import { createHash } from 'node:crypto';
import { Dexie, type DBCore, type DBCoreMutateRequest } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyCustodyLines } from '../custody';
import { utf8 } from '../hash';
import { FAST_ARGON } from '../vault/test-support';
import { CHUNK_SIZE, EvidenceDb } from './db';
import { checkIntegrity, getCustodyLines, getItem, readArtifactBytes, saveCapture } from './items';
import { prepareCapture } from './save';
import {
  countSealed,
  openSealedQueue,
  sealCapture,
  sealedProblems,
  type SealedChunk,
} from './sealed-queue';
import { StoreLockedError } from './store-crypto';
import { contains, rawDump, sampleCapture } from './test-support';
import { createCase } from './items';
import { enableEncryption, lockStore, unlockStore } from './vault-store';

const names: string[] = [];
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const PHRASE = 'Kestrelmoor-319 задержанных вывезли автобусом';
const URL_ = 'https://sealed-check.example/kestrelmoor-319?post=7';
const PASS = 'sealed queue passphrase';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A big file with the phrase across the 4 MiB chunk boundary. */
function bigFile(): Uint8Array {
  const out = new Uint8Array(CHUNK_SIZE + 5000);
  for (let i = 0; i < out.length; i++) out[i] = (i * 31 + 7) & 0xff;
  out.set(utf8(PHRASE), CHUNK_SIZE - 10);
  return out;
}

function capture(n = 0, over: Parameters<typeof sampleCapture>[0] = {}) {
  return sampleCapture({
    url: `${URL_}&n=${n}`,
    title: `${PHRASE} #${n}`,
    text: `${PHRASE}. Текст поста ${n}.`,
    captured_at: `2026-11-26T00:0${n}:00.000Z`,
    artifacts: [
      {
        role: 'html_snapshot',
        name: 'page.html',
        media_type: 'text/html',
        bytes: utf8(`<p>${PHRASE} ${n}</p>`),
      },
      { role: 'screenshot', name: 'screenshot.png', media_type: 'image/png', bytes: bigFile() },
    ],
    ...over,
  });
}

/** An encrypted store, locked, with `n` captures sealed; `hooks` may fail writes. */
async function lockedStore(
  n: number,
  failWrite?: (table: string, req: DBCoreMutateRequest) => boolean,
) {
  const name = `sealed-${crypto.randomUUID()}`;
  names.push(name);
  const db = new EvidenceDb(name);
  if (failWrite)
    db.use({
      stack: 'dbcore',
      name: 'test-fail',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (t) => {
          const table = down.table(t);
          return {
            ...table,
            mutate: (req) =>
              failWrite(t, req) ? Promise.reject(new Error('simulated stop')) : table.mutate(req),
          };
        },
      }),
    });
  await enableEncryption(db, PASS, { vault: { argon: FAST_ARGON } });
  lockStore(db);
  const receipts = [];
  for (let i = 0; i < n; i++) receipts.push(await sealCapture(db, capture(i)));
  return { name, db, receipts };
}

function needles(): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const s of [PHRASE, 'Kestrelmoor', 'kestrelmoor', URL_, 'sealed-check.example']) {
    out.push(utf8(s), new Uint8Array(Buffer.from(s, 'utf16le')));
  }
  return out;
}

async function leaks(name: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { where, bytes } of await rawDump(name))
    for (const n of needles()) if (contains(bytes, n)) hits.push(where);
  return hits;
}

describe('captures sealed while locked', () => {
  it('are stored with nothing readable: the phrase and URL are in no stored value', async () => {
    const { name, db, receipts } = await lockedStore(2);
    expect(receipts.map((r) => r.sealed)).toEqual([true, true]);
    expect(await countSealed(db)).toBe(2);
    expect(await db.items.count()).toBe(0);
    // Each big screenshot is two sealed chunks, the page one: 3 chunks per capture.
    expect(await db.sealedChunks.count()).toBe(6);
    const row = (await db.sealed.get(receipts[0]!.id))!;
    expect(Object.keys(row).sort()).toEqual(['body', 'created_at', 'header', 'id', 'sizes']);
    expect(await leaks(name)).toEqual([]);
  });

  it('the same scan finds the phrase in a store saved in clear (it can fail)', async () => {
    const name = `sealed-clear-${crypto.randomUUID()}`;
    names.push(name);
    const db = new EvidenceDb(name);
    await saveCapture(db, capture(0));
    const hits = await leaks(name);
    expect(hits.some((h) => h.startsWith('items:'))).toBe(true);
    expect(hits.some((h) => h.startsWith('chunks:'))).toBe(true);
    db.close();
  });

  it('are refused in a clear store and cannot be opened while locked', async () => {
    const name = `sealed-clear-${crypto.randomUUID()}`;
    names.push(name);
    const clear = new EvidenceDb(name);
    await expect(sealCapture(clear, capture(0))).rejects.toThrow(/not encrypted/);
    const { db } = await lockedStore(1);
    await expect(openSealedQueue(db)).rejects.toBeInstanceOf(StoreLockedError);
    expect(await countSealed(db)).toBe(1);
  });

  it('open after unlock with their original time, hashes, line 0, and an unsealed line', async () => {
    const { name, db, receipts } = await lockedStore(2);
    expect((await unlockStore(db, PASS)).result).toBe('unlock');
    const report = await openSealedQueue(db, { now: () => '2026-11-26T02:00:00.000Z' });
    expect(report).toEqual({
      opened: receipts.map((r) => r.id),
      keptAside: [],
      failed: [],
    });
    expect(await countSealed(db)).toBe(0);
    expect(await db.sealedChunks.count()).toBe(0);
    for (const [n, r] of receipts.entries()) {
      const input = capture(n);
      const expected = await prepareCapture({ ...input, id: r.id });
      const item = (await getItem(db, r.id))!;
      expect(item.captured_at).toBe(input.captured_at);
      expect(item.url).toBe(input.url);
      expect(item.artifacts.map((a) => a.sha256)).toEqual(expected.hashes);
      for (const [i, a] of item.artifacts.entries()) {
        const bytes = await readArtifactBytes(db, a.artifact_id);
        expect(sha(bytes)).toBe(a.sha256);
        expect(Buffer.from(bytes).equals(Buffer.from(input.artifacts[i]!.bytes!))).toBe(true);
      }
      const lines = await getCustodyLines(db, r.id);
      expect(lines[0]).toBe(expected.line0.line);
      expect(lines).toHaveLength(2);
      const last = JSON.parse(lines[1]!) as {
        action: string;
        at: string;
        data: Record<string, string>;
      };
      expect(last.action).toBe('unsealed');
      expect(last.at).toBe('2026-11-26T02:00:00.000Z');
      expect(last.data.unsealed_at).toBe('2026-11-26T02:00:00.000Z');
      expect(verifyCustodyLines(lines).ok).toBe(true);
      expect((await checkIntegrity(db, r.id)).ok).toBe(true);
    }
    // Stored under the data key now: still nothing readable on disk.
    expect(await leaks(name)).toEqual([]);
    // A second run finds nothing to do.
    expect(await openSealedQueue(db)).toEqual({ opened: [], keptAside: [], failed: [] });
  });

  it('keep the case chosen at capture, and say so when that case was deleted meanwhile', async () => {
    const name = `sealed-case-${crypto.randomUUID()}`;
    names.push(name);
    const db = new EvidenceDb(name);
    await enableEncryption(db, PASS, { vault: { argon: FAST_ARGON } });
    const kept = await createCase(db, { title: 'Case kept' });
    const gone = await createCase(db, { title: 'Case gone' });
    lockStore(db);
    const a = await sealCapture(db, capture(0, { case_id: kept.id }));
    const b = await sealCapture(db, capture(1, { case_id: gone.id }));
    await unlockStore(db, PASS);
    await db.cases.delete(gone.id);
    expect((await openSealedQueue(db)).opened).toEqual([a.id, b.id]);
    expect((await getItem(db, a.id))!.case_id).toBe(kept.id);
    expect((await getItem(db, b.id))!.case_id).toBeNull();
    const lines = await getCustodyLines(db, b.id);
    expect(lines.at(-1)).toContain('deleted before the capture was unsealed');
  });

  it('an interrupted unseal leaves each entry queued or saved, never both; a rerun finishes', async () => {
    let stopOnce = true;
    let seen = 0;
    const { db, receipts } = await lockedStore(3, (table, req) => {
      // The second entry's queue delete, inside its save transaction, fails once.
      if (table !== 'sealed' || req.type !== 'delete') return false;
      seen++;
      if (seen === 2 && stopOnce) {
        stopOnce = false;
        return true;
      }
      return false;
    });
    await unlockStore(db, PASS);
    const first = await openSealedQueue(db);
    expect(first.opened).toEqual([receipts[0]!.id, receipts[2]!.id]);
    expect(first.failed.map((f) => f.id)).toEqual([receipts[1]!.id]);
    expect(first.keptAside).toEqual([]);
    // The failed one is all queued, none of it saved.
    expect(await getItem(db, receipts[1]!.id)).toBeUndefined();
    expect(await db.artifacts.where('item_id').equals(receipts[1]!.id).count()).toBe(0);
    expect(await db.custody.where('item_id').equals(receipts[1]!.id).count()).toBe(0);
    expect(await db.sealedChunks.where('sealed_id').equals(receipts[1]!.id).count()).toBe(3);
    expect(await countSealed(db)).toBe(1);
    const second = await openSealedQueue(db);
    expect(second.opened).toEqual([receipts[1]!.id]);
    expect(await db.items.count()).toBe(3);
    expect(await db.custody.count()).toBe(6);
    expect(await countSealed(db)).toBe(0);
  });

  it('two openers at once save each capture once', async () => {
    const { name, db, receipts } = await lockedStore(2);
    await unlockStore(db, PASS);
    const other = new EvidenceDb(name);
    await unlockStore(other, PASS);
    const [a, b] = await Promise.all([openSealedQueue(db), openSealedQueue(other)]);
    expect([...a.opened, ...b.opened].sort()).toEqual(receipts.map((r) => r.id).sort());
    expect([...a.failed, ...b.failed]).toEqual([]);
    expect(await db.items.count()).toBe(2);
    expect(await db.custody.count()).toBe(4);
    other.close();
  });

  it('a tampered entry is kept aside and reported, the others open', async () => {
    const { db, receipts } = await lockedStore(3);
    const key: [string, number, number] = [receipts[0]!.id, 1, 1];
    const chunk = (await db.sealedChunks.get(key)) as SealedChunk;
    const data = chunk.data.slice();
    data[40] = data[40]! ^ 1;
    await db.sealedChunks.put({ ...chunk, data });
    // The bodies of two entries swapped: each fails its own AAD.
    const e1 = (await db.sealed.get(receipts[1]!.id))!;
    const e2 = (await db.sealed.get(receipts[2]!.id))!;
    await db.sealed.put({ ...e1, body: e2.body });
    await unlockStore(db, PASS);
    const report = await openSealedQueue(db);
    expect(report.opened).toEqual([receipts[2]!.id]);
    expect(report.keptAside.map((k) => [k.id, k.reason])).toEqual([
      [receipts[0]!.id, 'tampered'],
      [receipts[1]!.id, 'tampered'],
    ]);
    expect(report.failed).toEqual([]);
    // Kept, not dropped: still counted, listed as problems, and not retried.
    expect(await countSealed(db)).toBe(2);
    expect((await sealedProblems(db)).map((p) => p.id).sort()).toEqual(
      [receipts[0]!.id, receipts[1]!.id].sort(),
    );
    expect(await db.sealedChunks.where('sealed_id').equals(receipts[0]!.id).count()).toBe(3);
    expect(await openSealedQueue(db)).toEqual({ opened: [], keptAside: [], failed: [] });
    expect(await getItem(db, receipts[0]!.id)).toBeUndefined();
  });

  it('refuses a record JSON would change rather than alter the evidence', async () => {
    const { db } = await lockedStore(0);
    await expect(
      sealCapture(db, capture(0, { source: { raw: new Uint8Array([1, 2]) } })),
    ).rejects.toThrow(/capture\.source\.raw cannot be sealed/);
    expect(await countSealed(db)).toBe(0);
  });

  it('a missing chunk is kept aside too', async () => {
    const { db, receipts } = await lockedStore(1);
    await db.sealedChunks.delete([receipts[0]!.id, 1, 1]);
    await unlockStore(db, PASS);
    const report = await openSealedQueue(db);
    expect(report.keptAside.map((k) => k.reason)).toEqual(['hash_mismatch']);
    expect(await db.items.count()).toBe(0);
  });
});
