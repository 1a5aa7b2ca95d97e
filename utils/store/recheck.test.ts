import { afterEach, describe, expect, it } from 'vitest';
import { buildTelegramCapture } from '../capture/telegram-build';
import type { RecheckOutcome } from '../capture/telegram-second-path';
import { verifyCustodyLines } from '../custody';
import { sha256Hex } from '../hash';
import { verifyPack, writePack } from '../pack';
import { memorySink, memorySource, unzipAll } from '../pack/test-support';
import type { TelegramPost } from '../telegram';
import type { EvidenceDb } from './db';
import { getCustody, getCustodyLines, getItem, readArtifactBytes, saveCapture } from './items';
import { storeSigner } from './keys';
import { buildPackInput } from './pack-input';
import { listRechecks, recheckBasis, recordRecheck } from './recheck';
import { freshDb, sampleCapture } from './test-support';

let db: EvidenceDb;
afterEach(async () => {
  await db.delete();
});

const post: TelegramPost = {
  adapter: 'tme_s',
  channel: 'oblava_monitor_demo',
  post_id: 301,
  permalink: 'https://t.me/oblava_monitor_demo/301',
  published_at: '2025-03-10T06:40:00.000Z',
  text_html: 'Облава у метро<br>минимум четверых',
  text: 'Облава у метро\nминимум четверых',
  media: [],
  album: false,
};

async function savePost(p: TelegramPost = post) {
  return saveCapture(db, {
    ...buildTelegramCapture({
      post: p,
      pageUrl: 'https://t.me/s/oblava_monitor_demo',
      screenshotPng: new Uint8Array([137, 80, 78, 71]),
      screenshotNotes: [],
      media: [],
      environment: { user_agent: 'vitest', time_zone: 'Europe/Vilnius' },
      caseId: null,
      extensionVersion: '0.1.0',
      browserName: 'vitest',
      capturedAt: '2026-01-01T00:00:00.000Z',
      trigger: 'post_control',
    }),
    job_id: undefined,
  });
}

const outcome = (over: Partial<RecheckOutcome> = {}): RecheckOutcome => ({
  url: 'https://t.me/oblava_monitor_demo/301?embed=1',
  fetched_at: '2026-02-01T10:00:00.000Z',
  status: 200,
  result: 'edited',
  text_agrees: false,
  date_agrees: true,
  ...over,
});
const html = (s: string) => ({
  bytes: new TextEncoder().encode(s),
  media_type: 'text/html; charset=utf-8',
});

interface Line {
  action: string;
  data: { artifacts: Array<{ role: string; path: string; sha256: string }> } & Record<
    string,
    unknown
  >;
}

describe('re-checks of a saved post', () => {
  it('reads the saved text and date to compare with', async () => {
    db = freshDb();
    const item = await savePost();
    expect(await recheckBasis(db, item)).toEqual({
      post_id: 301,
      text: 'Облава у метро\nминимум четверых',
      published_at: '2025-03-10T06:40:00.000Z',
    });
    const empty = await savePost({ ...post, post_id: 302, text: '', text_html: '' });
    expect((await recheckBasis(db, empty))?.text).toBe('');
    expect(await recheckBasis(db, await saveCapture(db, sampleCapture()))).toBeNull();
  });

  it('keeps the embed as a new artifact listed, with its hash, in one chained rechecked event', async () => {
    db = freshDb();
    const item = await savePost();
    const first = html('<html>edited</html>');
    const rec = await recordRecheck(db, item.id, outcome(), first);
    const lines = await getCustodyLines(db, item.id);
    expect(lines).toHaveLength(2);
    const chain = verifyCustodyLines(lines);
    expect(chain.ok).toBe(true);
    const after = (await getItem(db, item.id))!;
    expect(after.custody_head).toBe(chain.ok ? chain.head : '');
    expect(rec.seq).toBe(1);

    const ev = JSON.parse(lines[1]!) as Line;
    const sha = await sha256Hex(first.bytes);
    expect(ev.action).toBe('rechecked');
    expect(ev.data).toEqual({
      url: 'https://t.me/oblava_monitor_demo/301?embed=1',
      fetched_at: '2026-02-01T10:00:00.000Z',
      status: 200,
      result: 'edited',
      text_agrees: false,
      date_agrees: true,
      artifacts: [
        { role: 'html_served', path: `items/${item.id}/embed-recheck-1.html`, sha256: sha },
      ],
    });
    const ref = after.artifacts.find((a) => a.path.endsWith('/embed-recheck-1.html'))!;
    expect(ref).toMatchObject({ role: 'html_served', sha256: sha, size: first.bytes.byteLength });
    expect(await readArtifactBytes(db, ref.artifact_id)).toEqual(first.bytes);

    // A second re-check gets the next number; the chain still holds.
    await recordRecheck(db, item.id, outcome({ result: 'deleted' }), html('<html>gone</html>'));
    const again = (await getItem(db, item.id))!;
    expect(again.artifacts.map((a) => a.path.split('/').pop())).toContain('embed-recheck-2.html');
    expect(verifyCustodyLines(await getCustodyLines(db, item.id)).ok).toBe(true);
    expect((await listRechecks(db, item.id)).map((r) => [r.seq, r.result])).toEqual([
      [1, 'edited'],
      [2, 'deleted'],
    ]);
  });

  it('records an unreachable embed with its error and keeps no artifact', async () => {
    db = freshDb();
    const item = await savePost();
    const artifacts = await db.artifacts.count();
    const chunks = await db.chunks.count();
    await recordRecheck(
      db,
      item.id,
      {
        url: outcome().url,
        fetched_at: outcome().fetched_at,
        result: 'unreachable',
        error: 'Failed to fetch',
      },
      html('<html>should not be kept</html>'),
    );
    expect(await db.artifacts.count()).toBe(artifacts);
    expect(await db.chunks.count()).toBe(chunks);
    const ev = JSON.parse((await getCustodyLines(db, item.id))[1]!) as Line;
    expect(ev.data).toEqual({
      url: outcome().url,
      fetched_at: outcome().fetched_at,
      result: 'unreachable',
      error: 'Failed to fetch',
      artifacts: [],
    });
    expect((await getItem(db, item.id))!.artifacts).toHaveLength(item.artifacts.length);
  });

  it('writes nothing when the transaction fails', async () => {
    db = freshDb();
    const item = await savePost();
    const page = await saveCapture(db, sampleCapture());
    const before = {
      artifacts: await db.artifacts.count(),
      chunks: await db.chunks.count(),
      custody: await db.custody.count(),
    };
    await expect(recordRecheck(db, 'no-such-item', outcome(), html('<p>x</p>'))).rejects.toThrow(
      /No item/,
    );
    await expect(recordRecheck(db, page.id, outcome(), html('<p>x</p>'))).rejects.toThrow(
      /not a Telegram post/,
    );
    // The event cannot be written (its seq is taken): the artifact and chunks go back too.
    await db.custody.add({ ...(await getCustody(db, item.id))[0]!, seq: 1 });
    await expect(recordRecheck(db, item.id, outcome(), html('<p>x</p>'))).rejects.toThrow();
    expect(await db.artifacts.count()).toBe(before.artifacts);
    expect(await db.chunks.count()).toBe(before.chunks);
    expect(await db.custody.count()).toBe(before.custody + 1);
    expect((await getItem(db, item.id))!.artifacts).toHaveLength(item.artifacts.length);
  });

  it('exports a pack with the re-check artifact that verifies', async () => {
    db = freshDb();
    const item = await savePost();
    const embed = html('<html>unchanged</html>');
    await recordRecheck(db, item.id, outcome({ result: 'unchanged', text_agrees: true }), embed);
    await recordRecheck(db, item.id, outcome({ result: 'unreachable', error: 'HTTP 502' }));
    const { sink, bytes } = memorySink();
    await writePack(
      await buildPackInput(db, {
        itemIds: [item.id],
        generator: { name: 'protokol', version: '0.1.0', user_agent: 'vitest' },
      }),
      sink,
      await storeSigner(db),
    );
    const pack = bytes();
    const report = await verifyPack(memorySource(pack));
    expect(report.status, JSON.stringify(report.checks.filter((x) => !x.ok))).toBe('valid');
    const files = await unzipAll(pack);
    expect(files.get(`items/${item.id}/embed-recheck-1.html`)).toEqual(embed.bytes);
    const log = new TextDecoder().decode(files.get(`items/${item.id}/custody.jsonl`));
    expect(
      log
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as Line).action),
    ).toEqual(['captured', 'rechecked', 'rechecked', 'exported']);
  });
});
