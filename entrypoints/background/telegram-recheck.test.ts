// @vitest-environment happy-dom
/**
 * The background's re-check of a saved post, end to end but for the network and the library
 * page: fetch is stubbed with the saved t.me embed page of shared/data/telegram, and the
 * library's parse (a message) runs the library's own parse over a happy-dom DOMParser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTelegramCapture } from '@/utils/capture/telegram-build';
import { verifyCustodyLines } from '@/utils/custody';
import {
  getCustodyLines,
  getItem,
  listRechecks,
  saveCapture,
  type EvidenceDb,
} from '@/utils/store';
import { freshDb } from '@/utils/store/test-support';
import type { TelegramPost } from '@/utils/telegram';
import { sharedPage } from '@/utils/telegram/test-support';

const parse = vi.fn((data: { html: string; url: string }): TelegramPost | null =>
  parseEmbedPage(data.html, data.url),
);
vi.mock('@/lib/messaging', () => ({
  sendMessage: (type: string, data: { html: string; url: string }) => {
    if (type !== 'parseTelegramEmbedPage') throw new Error(`unexpected ${type}`);
    return Promise.resolve(parse(data));
  },
  onMessage: () => () => undefined,
}));
const { recheckPost } = await import('./telegram-second-path');
const { parseEmbedPage } = await import('@/components/library/telegram-embed-parser');

const EMBED_URL = 'https://t.me/K1inUSA/3?embed=1';
const embedHtml = sharedPage('tme_post_embed_widget_K1inUSA.html');
// What the embed shows today, read by the parser (the parser's own tests check it by hand).
const current = parse({ html: embedHtml, url: EMBED_URL })!;

let db: EvidenceDb;
const fetchMock = vi.fn<typeof fetch>();
beforeEach(() => {
  db = freshDb();
  fetchMock.mockReset();
  parse.mockClear();
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await db.delete();
});

async function savePost(over: Partial<TelegramPost> = {}) {
  const post: TelegramPost = { ...current, adapter: 'webk', ...over };
  return saveCapture(db, {
    ...buildTelegramCapture({
      post,
      pageUrl: 'https://web.telegram.org/k/#@K1inUSA',
      screenshotPng: new Uint8Array([1]),
      screenshotNotes: [],
      media: [],
      environment: { user_agent: 'vitest' },
      caseId: null,
      extensionVersion: '0.1.0',
      browserName: 'vitest',
      capturedAt: '2026-01-01T00:00:00.000Z',
      trigger: 'post_control',
    }),
    job_id: undefined,
  });
}

const served = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });

describe('re-check of a saved post (background)', () => {
  it('fetches the embed without cookies, and records unchanged with the embed kept', async () => {
    const item = await savePost();
    fetchMock.mockResolvedValue(served(embedHtml));
    expect(await recheckPost(db, item.id)).toEqual({ ok: true, result: 'unchanged', seq: 1 });
    expect(fetchMock).toHaveBeenCalledWith(
      EMBED_URL,
      expect.objectContaining({ credentials: 'omit', cache: 'no-store' }),
    );
    const [check] = await listRechecks(db, item.id);
    expect(check).toMatchObject({
      url: EMBED_URL,
      status: 200,
      result: 'unchanged',
      text_agrees: true,
    });
    const after = (await getItem(db, item.id))!;
    const kept = after.artifacts.find((a) => a.path.endsWith('/embed-recheck-1.html'))!;
    expect(check!.artifacts).toEqual([
      { role: 'html_served', path: kept.path, sha256: kept.sha256 },
    ]);
    expect(kept.media_type).toBe('text/html; charset=utf-8');
    expect(verifyCustodyLines(await getCustodyLines(db, item.id)).ok).toBe(true);
  });

  it('records an edit when the saved text differs from the embed', async () => {
    const item = await savePost({ text: 'the text as it was when clipped' });
    fetchMock.mockResolvedValue(served(embedHtml));
    expect(await recheckPost(db, item.id)).toMatchObject({ ok: true, result: 'edited' });
    expect((await listRechecks(db, item.id))[0]).toMatchObject({ text_agrees: false });
  });

  it('records a deletion when the embed shows no post', async () => {
    const item = await savePost();
    fetchMock.mockResolvedValue(
      served(
        '<html><body><div class="tgme_widget_message_error">Post not found</div></body></html>',
      ),
    );
    expect(await recheckPost(db, item.id)).toMatchObject({ ok: true, result: 'deleted' });
    expect(
      (await getItem(db, item.id))!.artifacts.some((a) => a.path.endsWith('/embed-recheck-1.html')),
    ).toBe(true);
  });

  it('records an unreachable t.me with its error and no artifact', async () => {
    const item = await savePost();
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    expect(await recheckPost(db, item.id)).toMatchObject({ ok: true, result: 'unreachable' });
    fetchMock.mockResolvedValue(served('bad gateway', 502));
    expect(await recheckPost(db, item.id)).toMatchObject({ ok: true, result: 'unreachable' });
    const checks = await listRechecks(db, item.id);
    expect(checks.map((c) => [c.error, c.status, c.artifacts])).toEqual([
      ['Failed to fetch', undefined, []],
      ['HTTP 502', 502, []],
    ]);
    expect((await getItem(db, item.id))!.artifacts).toHaveLength(item.artifacts.length);
  });

  it('records nothing when no library page parses the embed, or the item has no public page', async () => {
    const item = await savePost();
    fetchMock.mockResolvedValue(served(embedHtml));
    parse.mockImplementationOnce(() => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(await recheckPost(db, item.id)).toMatchObject({
      ok: false,
      error: { code: 'errTgRecheckParse' },
    });
    const private_ = await savePost({ channel: 'c/1987654321' });
    expect(await recheckPost(db, private_.id)).toEqual({
      ok: false,
      error: { code: 'errTgNoEmbed' },
    });
    expect(await recheckPost(db, 'no-such-item')).toEqual({
      ok: false,
      error: { code: 'errTgNoEmbed' },
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(await listRechecks(db, item.id)).toEqual([]);
    expect(await getCustodyLines(db, private_.id)).toHaveLength(1);
  });
});
