import { afterEach, describe, expect, it } from 'vitest';
import { verifyCustodyLines } from '../custody';
import { sha256HexSync } from '../hash';
import { EvidenceDb } from './db';
import {
  appendCustody,
  assignCase,
  createCase,
  getCustody,
  getCustodyLines,
  getItem,
  listCases,
  listTags,
  saveCapture,
  setNotes,
  setTags,
} from './items';
import { freshDb, sampleCapture } from './test-support';

interface Ev {
  seq: number;
  action: string;
  prev: string;
  data: Record<string, unknown>;
}
const events = (lines: string[]) => lines.map((l) => JSON.parse(l) as Ev);

let db: EvidenceDb;
afterEach(async () => {
  await db.delete();
});

describe('custody events', () => {
  it('chains tagged, noted and case_assigned events and keeps the item head in step', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    await setTags(db, item.id, ['detention', 'minsk']);
    await setTags(db, item.id, ['minsk', 'detention']); // same set: no event
    await setTags(db, item.id, ['minsk', 'torture']);
    await setNotes(db, item.id, 'Witness: Ёжиков');
    await setNotes(db, item.id, 'Witness: Ёжиков'); // unchanged: no event
    const c = await createCase(db, { title: '  Case Minsk ' });
    await assignCase(db, item.id, c.id);
    await assignCase(db, item.id, null);
    const lines = await getCustodyLines(db, item.id);
    const ev = events(lines);
    expect(ev.map((e) => e.action)).toEqual([
      'captured',
      'tagged',
      'tagged',
      'noted',
      'case_assigned',
      'case_assigned',
    ]);
    expect(ev[1]!.data).toEqual({
      tags: ['detention', 'minsk'],
      added: ['detention', 'minsk'],
      removed: [],
    });
    expect(ev[2]!.data).toEqual({
      tags: ['minsk', 'torture'],
      added: ['torture'],
      removed: ['detention'],
    });
    expect(ev[3]!.data).toEqual({ notes: 'Witness: Ёжиков' });
    expect(ev[4]!.data).toEqual({ case_id: c.id, case_title: 'Case Minsk' });
    expect(ev[5]!.data).toEqual({ case_id: null, case_title: null });
    for (let i = 1; i < lines.length; i++) expect(ev[i]!.prev).toBe(sha256HexSync(lines[i - 1]!));
    const now = (await getItem(db, item.id))!;
    expect(verifyCustodyLines(lines)).toEqual({
      ok: true,
      head: now.custody_head,
      length: now.custody_length,
    });
    expect(now).toMatchObject({
      tags: ['minsk', 'torture'],
      notes: 'Witness: Ёжиков',
      case_id: null,
      custody_length: 6,
    });
    expect(now.words).toContain('ежиков');
    expect(await listTags(db)).toEqual(['minsk', 'torture']);
    expect((await listCases(db)).map((x) => x.title)).toEqual(['Case Minsk']);
  });

  it('appends arbitrary events with a given time and rejects unknown items and cases', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const rec = await appendCustody(
      db,
      item.id,
      'exported',
      { pack_id: 'p1' },
      '2026-12-01T00:00:00.000Z',
    );
    expect(rec).toMatchObject({
      item_id: item.id,
      seq: 1,
      action: 'exported',
      at: '2026-12-01T00:00:00.000Z',
    });
    expect(rec.hash).toBe(sha256HexSync(rec.line));
    await expect(appendCustody(db, crypto.randomUUID(), 'noted', {})).rejects.toThrow(/No item/);
    await expect(assignCase(db, item.id, crypto.randomUUID())).rejects.toThrow(/No case/);
    await expect(createCase(db, { title: '   ' })).rejects.toThrow();
    expect(await getCustody(db, item.id)).toHaveLength(2);
  });

  it('keeps one chain when several contexts write at once', async () => {
    db = freshDb();
    // A second connection stands in for another extension context (popup vs background).
    const other = new EvidenceDb(db.name);
    const item = await saveCapture(db, sampleCapture());
    await Promise.all([
      setTags(db, item.id, ['a']),
      setTags(other, item.id, ['b']),
      setTags(db, item.id, ['a', 'c']),
      setNotes(other, item.id, 'n1'),
      appendCustody(db, item.id, 'exported', {}),
      appendCustody(other, item.id, 'exported', {}),
      setTags(other, item.id, ['d']),
    ]);
    other.close();
    const lines = await getCustodyLines(db, item.id);
    const now = (await getItem(db, item.id))!;
    expect(lines).toHaveLength(8);
    expect(events(lines).map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(verifyCustodyLines(lines)).toEqual({ ok: true, head: now.custody_head, length: 8 });
  });
});
