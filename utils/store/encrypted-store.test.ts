import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { utf8 } from '../hash';
import { verifyCustodyLines } from '../custody';
import { verifyPack, writePack } from '../pack';
import { memorySink, memorySource, unzipAll } from '../pack/test-support';
import { decryptString, encryptString, fieldAad, generateDataKey, TamperedError } from '../vault';
import { CHUNK_SIZE, type EvidenceDb } from './db';
import {
  appendCustody,
  assignCase,
  checkIntegrity,
  countItems,
  createCase,
  earlierObservations,
  getCustodyLines,
  getItem,
  listCases,
  listTags,
  queryItems,
  readArtifactBytes,
  saveCapture,
  setNotes,
  setTags,
} from './items';
import { addArtifacts } from './add-artifacts';
import { storeSigner } from './keys';
import { buildPackInput } from './pack-input';
import { getSettings, updateSettings } from './settings';
import { beginStagedArtifact } from './staging';
import { StoreCrypto, StoreLockedError } from './store-crypto';
import { contains, freshDb, rawDump, sampleCapture } from './test-support';

const dbs: EvidenceDb[] = [];
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});

async function newKey(): Promise<Uint8Array> {
  const k = await generateDataKey(true);
  return new Uint8Array(await crypto.subtle.exportKey('raw', k));
}

async function encryptedDb(): Promise<EvidenceDb> {
  const db = freshDb();
  dbs.push(db);
  db.storeCrypto = await StoreCrypto.fromRawKey(await newKey());
  return db;
}

// Unique, so a hit in the scan cannot come from anything else.
const PHRASE = 'Zebrafinch-7f3a охрана вывела задержанных';
const URL_ = 'https://leak-check.example/zebrafinch-7f3a?post=991';
const NOTE = 'Witness Qxvortel-55 asked to stay anonymous';
const TAG = 'тег-Plumbago-42';
const CASE_TITLE = 'Case Marlinspike-81';

function pattern(n: number, seed = 7): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A large artifact with the phrase at its start, across a chunk boundary and at its end. */
function mediaBytes(): Uint8Array {
  const b = pattern(CHUNK_SIZE + 5000);
  const p = utf8(PHRASE);
  b.set(p, 0);
  b.set(p, CHUNK_SIZE - 10);
  b.set(p, b.length - p.length);
  return b;
}

async function stage(db: EvidenceDb, bytes: Uint8Array) {
  const s = await beginStagedArtifact(db);
  for (let off = 0; off < bytes.length; off += 300_000)
    await s.write(bytes.subarray(off, off + 300_000));
  return s.finish();
}

/** Puts the phrase, URL, a note, a tag, a case and settings through every write path. */
async function fill(db: EvidenceDb, over: { id?: string; captured_at?: string } = {}) {
  const media = mediaBytes();
  const jobId = crypto.randomUUID();
  await db.jobs.put({
    id: jobId,
    url: URL_,
    status: 'running',
    started_at: '2026-11-25T10:00:00Z',
  });
  const staged = await stage(db, media);
  const html = utf8(`<html><title>${PHRASE}</title><p>${PHRASE}</p></html>`);
  const item = await saveCapture(
    db,
    sampleCapture({
      ...over,
      url: URL_,
      requested_url: URL_ + '&from=feed',
      title: PHRASE,
      text: `Body: ${PHRASE}`,
      tags: [TAG],
      job_id: jobId,
      source: { author: PHRASE },
      artifacts: [
        { role: 'html_snapshot', name: 'page.html', media_type: 'text/html', bytes: html },
        { role: 'media', name: 'video.mp4', media_type: 'video/mp4', staged },
      ],
    }),
  );
  const c = await createCase(db, { title: CASE_TITLE, description: PHRASE });
  await assignCase(db, item.id, c.id);
  await setNotes(db, item.id, NOTE);
  await setTags(db, item.id, [TAG, 'second']);
  await appendCustody(db, item.id, 'reviewed', { comment: PHRASE });
  await updateSettings(db, { tsa_urls: [URL_] });
  return { item, html, media, caseId: c.id, jobId };
}

/** Every byte form a leak could take: UTF-8 and UTF-16LE of each secret, and its words. */
function needles(): Uint8Array[] {
  const secrets = [
    PHRASE,
    URL_,
    'leak-check.example',
    'Zebrafinch',
    'zebrafinch',
    NOTE,
    'Qxvortel',
    TAG,
    'Plumbago',
    'plumbago',
    CASE_TITLE,
    'Marlinspike',
    'marlinspike',
  ];
  const out: Uint8Array[] = [];
  for (const s of secrets) {
    out.push(utf8(s));
    const u16 = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      u16[2 * i] = s.charCodeAt(i) & 0xff;
      u16[2 * i + 1] = s.charCodeAt(i) >> 8;
    }
    out.push(u16);
  }
  return out;
}

/** Byte equality (vitest's toEqual walks a 4 MiB array element by element, for seconds). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

describe('field envelopes', () => {
  it('are the vault’s envelopes: each implementation opens what the other sealed', async () => {
    const raw = await newKey();
    const c = await StoreCrypto.fromRawKey(raw);
    const key = await crypto.subtle.importKey(
      'raw',
      raw as Uint8Array<ArrayBuffer>,
      'AES-GCM',
      false,
      ['encrypt', 'decrypt'],
    );
    const sealed = c.sealField('items', 'id-1', '_enc', { title: PHRASE });
    expect(JSON.parse(await decryptString(key, sealed, fieldAad('items', 'id-1', '_enc')))).toEqual(
      { title: PHRASE },
    );
    const other = await encryptString(
      key,
      JSON.stringify([1, 'два']),
      fieldAad('cases', 'c', '_enc'),
    );
    expect(c.openField('cases', 'c', '_enc', other)).toEqual([1, 'два']);
    expect(() => c.openField('cases', 'd', '_enc', other)).toThrow(TamperedError);
  });
});

describe('an encrypted store', () => {
  it('keeps the phrase, URL, note, tag and case title out of every stored record', async () => {
    const db = await encryptedDb();
    await fill(db);
    const dump = await rawDump(db.name);
    expect(dump.length).toBeGreaterThan(20);
    const leaks: string[] = [];
    for (const n of needles())
      for (const { where, bytes } of dump)
        if (contains(bytes, n)) leaks.push(`${where}: ${new TextDecoder().decode(n)}`);
    expect(leaks).toEqual([]);
    // The chunks are ciphertext: none equals (or starts like) the plaintext.
    const chunks = dump.filter((d) => d.where.startsWith('chunks:') && d.where.endsWith('.data'));
    expect(chunks).toHaveLength(3);
  });

  it('a clear store does hold them (the scan can fail)', async () => {
    const db = freshDb();
    dbs.push(db);
    await fill(db);
    const dump = await rawDump(db.name);
    for (const n of [utf8(PHRASE), utf8(URL_), utf8(NOTE), utf8(TAG), utf8(CASE_TITLE)])
      expect(dump.some((d) => contains(d.bytes, n))).toBe(true);
  });

  it('reads everything back byte-identical and its queries still work', async () => {
    const db = await encryptedDb();
    const { item, html, media, caseId, jobId } = await fill(db);
    expect(await db.jobs.get(jobId)).toMatchObject({ url: URL_, status: 'done', item_id: item.id });
    expect(await db.jobs.where('status').equals('done').count()).toBe(1);

    const got = (await getItem(db, item.id))!;

    expect(got.url).toBe(URL_);
    expect(got.title).toBe(PHRASE);
    expect(got.notes).toBe(NOTE);
    expect(got.tags).toEqual([TAG, 'second']);
    expect(got.case_id).toBe(caseId);
    expect(got.source).toEqual({ author: PHRASE });
    const byName = new Map(got.artifacts.map((a) => [a.path.split('/').pop(), a]));
    expect(same(await readArtifactBytes(db, byName.get('page.html')!.artifact_id), html)).toBe(
      true,
    );
    expect(same(await readArtifactBytes(db, byName.get('video.mp4')!.artifact_id), media)).toBe(
      true,
    );

    const report = await checkIntegrity(db, item.id);

    expect(report.ok, JSON.stringify(report)).toBe(true);
    const lines = await getCustodyLines(db, item.id);
    // captured, tagged, case_assigned, noted, tagged, reviewed, integrity_checked
    expect(lines).toHaveLength(7);
    expect(verifyCustodyLines(lines).ok).toBe(true);
    expect(lines[5]).toContain(PHRASE);

    expect((await queryItems(db, { text: 'zebrafinch' })).map((i) => i.id)).toEqual([item.id]);
    expect((await queryItems(db, { text: 'zebraf' })).map((i) => i.id)).toEqual([item.id]);
    expect((await queryItems(db, { text: 'qxvortel' })).map((i) => i.id)).toEqual([item.id]);
    expect(await queryItems(db, { text: 'zebrafinck' })).toEqual([]);
    expect(await countItems(db, { text: 'zebrafinch охрана' })).toBe(1);
    expect((await queryItems(db, { tag: TAG })).map((i) => i.id)).toEqual([item.id]);
    expect((await queryItems(db, { caseId })).map((i) => i.id)).toEqual([item.id]);
    expect(await listTags(db)).toEqual(['second', TAG].sort());
    expect((await listCases(db)).map((c) => c.title)).toEqual([CASE_TITLE]);
    expect((await getSettings(db)).tsa_urls).toEqual([URL_]);
    const again = await saveCapture(
      db,
      sampleCapture({ url: URL_, title: 'again', text: `Body: ${PHRASE}` }),
    );
    expect((await earlierObservations(db, again)).map((o) => [o.item.id, o.identical])).toEqual([
      [item.id, true],
    ]);
  });

  it('artifacts added after the save (the full-page screenshot) are encrypted too', async () => {
    const db = await encryptedDb();
    const item = await saveCapture(db, sampleCapture({ title: 'page' }));
    const shot = mediaBytes();
    const next = await addArtifacts(db, item.id, 'screenshot_full_added', [
      { role: 'screenshot_full', name: 'full.png', media_type: 'image/png', bytes: shot },
    ]);
    const ref = next.artifacts.find((a) => a.role === 'screenshot_full')!;
    expect(same(await readArtifactBytes(db, ref.artifact_id), shot)).toBe(true);
    expect((await checkIntegrity(db, item.id)).ok).toBe(true);
    const dump = await rawDump(db.name);
    expect(dump.some((d) => needles().some((n) => contains(d.bytes, n)))).toBe(false);
    db.storeCrypto = null;
    db.vaultLocked = true;
    await expect(
      addArtifacts(db, item.id, 'x', [
        { role: 'screenshot_full', name: 'f2.png', media_type: 'image/png', bytes: shot },
      ]),
    ).rejects.toThrow(StoreLockedError);
  });

  it('while locked, reads of sealed records and chunks are refused, clearly', async () => {
    const db = await encryptedDb();
    const { item } = await fill(db);
    const keys = db.storeCrypto;
    db.storeCrypto = null;
    await expect(getItem(db, item.id)).rejects.toThrow(StoreLockedError);
    await expect(listCases(db)).rejects.toThrow(StoreLockedError);
    await expect(readArtifactBytes(db, item.artifacts[0]!.artifact_id)).rejects.toThrow(
      StoreLockedError,
    );
    db.storeCrypto = keys;
    expect((await getItem(db, item.id))?.title).toBe(PHRASE);
  });

  it('refuses records moved between ids, chunks swapped, or another key', async () => {
    const db = await encryptedDb();
    const a = await saveCapture(db, sampleCapture({ title: 'A' }));
    const b = await saveCapture(db, sampleCapture({ title: 'B' }));
    const raw = new Dexie(db.name);
    await raw.open();
    const ra = (await raw.table('items').get(a.id)) as Record<string, unknown>;
    const rb = (await raw.table('items').get(b.id)) as Record<string, unknown>;
    await raw.table('items').put({ ...rb, _enc: ra._enc });
    raw.close();
    await expect(getItem(db, b.id)).rejects.toThrow(TamperedError);
    expect((await getItem(db, a.id))?.title).toBe('A');
    db.storeCrypto = await StoreCrypto.fromRawKey(await newKey());
    await expect(getItem(db, a.id)).rejects.toThrow(TamperedError);
    await expect(readArtifactBytes(db, a.artifacts[0]!.artifact_id)).rejects.toThrow(TamperedError);
  });

  it('a staged artifact cut after a full chunk fails (its last chunk was sealed as not last)', async () => {
    const db = await encryptedDb();
    const staged = await stage(db, pattern(2 * CHUNK_SIZE + 1));
    const item = await saveCapture(
      db,
      sampleCapture({
        artifacts: [{ role: 'media', name: 'v.mp4', media_type: 'video/mp4', staged }],
      }),
    );
    const id = item.artifacts[0]!.artifact_id;
    await db.chunks.delete([id, 2]);
    await db.artifacts.update(id, { chunk_count: 2, size: 2 * CHUNK_SIZE });
    await expect(readArtifactBytes(db, id)).rejects.toThrow(TamperedError);
  });

  it('exports a pack identical in content to one from a clear store', async () => {
    const fixed = {
      id: '4a3f7f0e-6f2b-4f43-9a0e-2b1c0d9e8f71',
      captured_at: '2026-11-25T10:00:00.000Z',
    };
    const packs: Array<Map<string, Uint8Array>> = [];
    for (const encrypted of [false, true]) {
      const db = encrypted ? await encryptedDb() : freshDb();
      if (!encrypted) dbs.push(db);
      await fill(db, fixed);
      const { sink, bytes } = memorySink();
      const input = await buildPackInput(db, {
        itemIds: [fixed.id],
        generator: { name: 'protokol', version: '0', user_agent: 'vitest' },
      });
      await writePack(input, sink, await storeSigner(db));
      const report = await verifyPack(memorySource(bytes()));
      expect(report.status, JSON.stringify(report.checks.filter((x) => !x.ok))).toBe('valid');
      packs.push(await unzipAll(bytes()));
    }
    const [clear, enc] = packs as [Map<string, Uint8Array>, Map<string, Uint8Array>];
    const itemFiles = [...clear.keys()].filter((k) => k.startsWith('items/'));
    expect(itemFiles.length).toBeGreaterThanOrEqual(3);
    expect([...enc.keys()].filter((k) => k.startsWith('items/')).sort()).toEqual(itemFiles.sort());
    for (const name of itemFiles) {
      if (name.endsWith('custody.jsonl')) continue;
      expect(same(enc.get(name)!, clear.get(name)!), name).toBe(true);
    }
    // Custody logs agree up to the events whose time or case id differ between the two runs.
    const log = (m: Map<string, Uint8Array>) =>
      new TextDecoder().decode(m.get(`items/${fixed.id}/custody.jsonl`)).split('\n');
    expect(log(enc)[0]).toBe(log(clear)[0]);
    expect(log(enc)[1]).toBe(log(clear)[1]);
  });
});
