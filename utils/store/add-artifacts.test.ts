import { afterEach, describe, expect, it } from 'vitest';
import { verifyCustodyLines } from '../custody';
import { sha256Hex, utf8 } from '../hash';
import type { EvidenceDb } from './db';
import { addArtifacts } from './add-artifacts';
import { addFullPage, markFullPageMissing } from './full-page';
import { addCaptureTimestamp } from './timestamps';
import { getCustodyLines, readArtifactBytes, saveCapture } from './items';
import { freshDb, sampleCapture } from './test-support';

let db: EvidenceDb;
afterEach(async () => {
  await db.delete();
});

const events = async (id: string) =>
  (await getCustodyLines(db, id)).map(
    (l) => JSON.parse(l) as { action: string; data: Record<string, unknown> },
  );

const png = (s: string) => utf8(`\x89PNG fake ${s}`);

describe('addArtifacts', () => {
  it('stores the bytes, lists them on the item and in one event with their hashes', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const bytes = utf8('extra bytes');
    const next = await addArtifacts(
      db,
      item.id,
      'artifact_added',
      [{ role: 'screenshot_full', name: 'extra.png', media_type: 'image/png', bytes }],
      { why: 'test' },
    );
    expect(next.artifacts).toHaveLength(2);
    const ref = next.artifacts[1]!;
    expect(ref.path).toBe(`items/${item.id}/extra.png`);
    expect(ref.sha256).toBe(await sha256Hex(bytes));
    expect(await readArtifactBytes(db, ref.artifact_id)).toEqual(bytes);
    const ev = await events(item.id);
    expect(ev.map((e) => e.action)).toEqual(['captured', 'artifact_added']);
    expect(ev[1]!.data).toEqual({
      artifacts: [{ role: 'screenshot_full', path: ref.path, sha256: ref.sha256 }],
      why: 'test',
    });
    const lines = await getCustodyLines(db, item.id);
    expect(verifyCustodyLines(lines).ok).toBe(true);
    expect((await db.items.get(item.id))!.custody_length).toBe(2);
  });

  it('writes nothing when a name is already taken, unsafe or the item is gone', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const add = (name: string, id = item.id) =>
      addArtifacts(db, id, 'artifact_added', [
        { role: 'screenshot_full', name, media_type: 'image/png', bytes: utf8('x') },
      ]);
    await expect(add('page.html')).rejects.toThrow(/already has/);
    await expect(add('../x.png')).rejects.toThrow(/Invalid/);
    await expect(add('custody.jsonl')).rejects.toThrow(/Invalid/);
    await expect(add('a.png', crypto.randomUUID())).rejects.toThrow(/No item/);
    expect(await db.artifacts.count()).toBe(1);
    expect(await db.chunks.count()).toBe(1);
    expect((await events(item.id)).length).toBe(1);
  });
});

describe('capture timestamp through addArtifacts', () => {
  it('adds capture.tsr once with a timestamped event; a second token is ignored', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    const tsr = utf8('token');
    const first = await addCaptureTimestamp(db, item.id, tsr, { tsa: 'http://tsa', time: 't1' });
    expect(first.timestamp).toEqual({
      status: 'granted',
      time: 't1',
      tsa: 'http://tsa',
      attempts: 1,
    });
    const again = await addCaptureTimestamp(db, item.id, utf8('other'), { tsa: 'x', time: 't2' });
    expect(again.timestamp?.time).toBe('t1');
    const ev = await events(item.id);
    expect(ev.map((e) => e.action)).toEqual(['captured', 'timestamped']);
    expect(ev[1]!.data).toMatchObject({
      artifacts: [{ role: 'capture_timestamp', sha256: await sha256Hex(tsr) }],
      tsa: 'http://tsa',
      stamps: 'custody line 0',
    });
  });
});

describe('the full-page phase', () => {
  const shot = {
    raw: png('raw'),
    banded: png('banded'),
    notes: ['stitched from 3 views'],
    record: { frames: 3, width: 1280, height: 3000 },
  };

  it('adds both images to a pending item with artifact_added, the record and the notes', async () => {
    db = freshDb();
    const item = await saveCapture(
      db,
      sampleCapture({ alterations: ['a'], full_page: { status: 'pending' } }),
    );
    const next = await addFullPage(db, item.id, shot);
    expect(next.full_page).toMatchObject({ status: 'added', frames: 3 });
    expect(next.alterations).toEqual(['a', 'stitched from 3 views']);
    const ev = await events(item.id);
    expect(ev.map((e) => e.action)).toEqual(['captured', 'artifact_added']);
    expect(ev[1]!.data).toEqual({
      artifacts: [
        {
          role: 'screenshot_full',
          path: `items/${item.id}/fullpage-raw.png`,
          sha256: await sha256Hex(shot.raw),
        },
        {
          role: 'screenshot_full',
          path: `items/${item.id}/fullpage.png`,
          sha256: await sha256Hex(shot.banded),
        },
      ],
      full_page: { raw: 'fullpage-raw.png', banded: 'fullpage.png', ...shot.record },
      notes: shot.notes,
    });
    // Already added: marking it missing now changes nothing.
    expect(await markFullPageMissing(db, item.id, 'late')).toBe(false);
    expect((await events(item.id)).length).toBe(2);
  });

  it('records why it is missing once, and then adds no images', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture({ full_page: { status: 'pending' } }));
    expect(await markFullPageMissing(db, item.id, 'the tab was closed')).toBe(true);
    expect(await markFullPageMissing(db, item.id, 'again')).toBe(false);
    const after = await addFullPage(db, item.id, shot);
    expect(after.artifacts).toHaveLength(1);
    expect(after.full_page).toMatchObject({ status: 'missing', reason: 'the tab was closed' });
    expect(after.alterations).toEqual(['the full-page screenshot is missing: the tab was closed']);
    const ev = await events(item.id);
    expect(ev.map((e) => e.action)).toEqual(['captured', 'full_page_missing']);
    expect(ev[1]!.data).toEqual({ reason: 'the tab was closed' });
    expect(await markFullPageMissing(db, crypto.randomUUID(), 'gone')).toBe(false);
  });

  it('leaves an item saved without a pending full page alone', async () => {
    db = freshDb();
    const item = await saveCapture(db, sampleCapture());
    expect(await markFullPageMissing(db, item.id, 'x')).toBe(false);
    expect((await addFullPage(db, item.id, shot)).artifacts).toHaveLength(1);
  });
});
