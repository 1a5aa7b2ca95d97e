import { afterEach, describe, expect, it } from 'vitest';
import { sha256HexSync, utf8 } from '../hash';
import type { EvidenceDb } from './db';
import { checkIntegrity, getCustodyLines, saveCapture, setTags } from './items';
import { freshDb, sampleCapture } from './test-support';

let db: EvidenceDb;
afterEach(async () => {
  await db.delete();
});

const twoArtifacts = () =>
  sampleCapture({
    artifacts: [
      {
        role: 'html_snapshot',
        name: 'page.html',
        media_type: 'text/html',
        bytes: utf8('<p>page</p>'),
      },
      {
        role: 'article_text',
        name: 'article.txt',
        media_type: 'text/plain',
        bytes: utf8('article'),
      },
    ],
  });

describe('checkIntegrity', () => {
  it('passes an untouched item and records the check in the log', async () => {
    db = freshDb();
    const item = await saveCapture(db, twoArtifacts());
    await setTags(db, item.id, ['x']);
    const report = await checkIntegrity(db, item.id);
    expect(report.ok).toBe(true);
    expect(report.chain).toMatchObject({ ok: true, length: 2 });
    expect(report.artifacts.map((a) => [a.path, a.ok, a.actual === a.expected])).toEqual([
      [`items/${item.id}/page.html`, true, true],
      [`items/${item.id}/article.txt`, true, true],
    ]);
    const last = JSON.parse((await getCustodyLines(db, item.id)).at(-1)!) as {
      action: string;
      at: string;
      data: unknown;
    };
    expect(last.action).toBe('integrity_checked');
    expect(last.at).toBe(report.checked_at);
    expect(last.data).toEqual({
      ok: true,
      artifacts: item.artifacts.map((a) => ({ path: a.path, sha256: a.sha256, ok: true })),
    });
  });

  it('detects a corrupted chunk and a missing one', async () => {
    db = freshDb();
    const item = await saveCapture(db, twoArtifacts());
    const [page, article] = item.artifacts;
    const chunk = (await db.chunks.get([page!.artifact_id, 0]))!;
    chunk.data[0] = chunk.data[0]! ^ 1;
    await db.chunks.put(chunk);
    await db.chunks.delete([article!.artifact_id, 0]);
    const report = await checkIntegrity(db, item.id);
    expect(report.ok).toBe(false);
    expect(report.chain.ok).toBe(true);
    expect(report.artifacts[0]).toMatchObject({
      ok: false,
      expected: page!.sha256,
      actual: sha256HexSync(chunk.data),
    });
    expect(report.artifacts[0]!.error).toMatch(/do not match/);
    expect(report.artifacts[1]).toMatchObject({ ok: false, actual: null });
    expect(report.artifacts[1]!.error).toMatch(/missing/);
    const last = JSON.parse((await getCustodyLines(db, item.id)).at(-1)!) as {
      data: { ok: boolean; artifacts: unknown[] };
    };
    expect(last.data.ok).toBe(false);
    expect(last.data.artifacts[1]).toEqual({ path: article!.path, ok: false });
  });

  it('detects a rewritten last custody line through the item head', async () => {
    db = freshDb();
    const item = await saveCapture(db, twoArtifacts());
    await setTags(db, item.id, ['true']);
    const rec = (await db.custody.get([item.id, 1]))!;
    await db.custody.put({ ...rec, line: rec.line.replace('"true"', '"fake"') });
    const report = await checkIntegrity(db, item.id);
    expect(report.ok).toBe(false);
    expect(report.chain).toMatchObject({ ok: false, seq: 1 });
  });

  it('detects a rewritten earlier custody line', async () => {
    db = freshDb();
    const item = await saveCapture(db, twoArtifacts());
    await setTags(db, item.id, ['a']);
    const rec = (await db.custody.get([item.id, 0]))!;
    await db.custody.put({ ...rec, line: rec.line.replace('html_snapshot', 'screenshot') });
    const report = await checkIntegrity(db, item.id);
    expect(report.chain).toMatchObject({ ok: false, seq: 1 });
  });
});
