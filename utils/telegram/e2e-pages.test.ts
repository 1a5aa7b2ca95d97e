// @vitest-environment happy-dom
/**
 * The e2e pages under e2e/pages/telegram parse as their README says, so the later e2e can rely
 * on ids, media URLs and the local image files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectTelegramPage, parsePosts } from './index';
import { load, type LoadedPage } from './test-support';

const DIR = resolve(import.meta.dirname, '../../e2e/pages/telegram');
const BASE = 'http://article.test:4173/telegram/';

let page: LoadedPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function open(name: string): Document {
  page = load(readFileSync(resolve(DIR, name), 'utf8'), BASE + name);
  return page.doc;
}
function localFile(url: string | undefined): string {
  expect(url?.startsWith(BASE)).toBe(true);
  return resolve(DIR, url!.slice(BASE.length));
}

describe('e2e/pages/telegram', () => {
  it('channel.html: five posts, an album of two local photos, a video with a local poster', () => {
    const doc = open('channel.html');
    expect(detectTelegramPage(doc, BASE + 'channel.html')).toMatchObject({
      adapter: 'tme_s',
      channel: 'oblava_monitor_demo',
    });
    const posts = parsePosts(doc, 'tme_s');
    expect(posts.map((p) => [p.post_id, p.views, p.media.length])).toEqual([
      [301, 3400, 0],
      [302, 1100, 2],
      [304, 987, 1],
      [305, 2500, 0],
      [306, 640, 0],
    ]);
    const [, album, video, forwarded, reply] = posts;
    expect(album!.album).toBe(true);
    expect(album!.media.map((m) => m.post_id)).toEqual([302, 303]);
    for (const m of album!.media) expect(existsSync(localFile(m.url))).toBe(true);
    expect(video!.media[0]).toMatchObject({
      type: 'video',
      url: BASE + 'img/checkpoint.mp4',
      duration_s: 48,
      width: 480,
      height: 270,
    });
    expect(existsSync(localFile(video!.media[0]!.poster_url))).toBe(true);
    expect(forwarded!.forwarded_from).toEqual({
      name: 'Солдатские матери (демо)',
      url: 'https://t.me/soldiers_mothers_demo/88',
    });
    expect(reply).toMatchObject({
      edited: true,
      author: 'Олена',
      reply_to: { channel: 'oblava_monitor_demo', post_id: 301 },
    });
    expect(posts[0]!.published_at).toBe('2025-03-10T06:40:00.000Z');
  });

  it('webk.html: three posts with tweb mids, a local photo', () => {
    const doc = open('webk.html');
    expect(detectTelegramPage(doc, BASE + 'webk.html')).toMatchObject({
      adapter: 'webk',
      channel: 'c/1987654321',
    });
    const posts = parsePosts(doc, 'webk');
    expect(posts.map((p) => [p.post_id, p.published_at, p.views, p.media.length])).toEqual([
      [301, '2025-03-10T06:40:00.000Z', 3400, 0],
      [302, '2025-03-10T09:00:00.000Z', 1204, 1],
      [303, '2025-03-10T11:00:00.000Z', 2500, 0],
    ]);
    expect(existsSync(localFile(posts[1]!.media[0]!.url))).toBe(true);
    expect(posts[2]).toMatchObject({
      edited: true,
      forwarded_from: { name: 'Солдатские матери (демо)' },
    });
  });
});
