import { describe, expect, it } from 'vitest';
import { resetModel } from '../detect';
import { Detection } from '../schemas';
import type { TelegramPost } from '../telegram';
import {
  buildTelegramCapture,
  extensionOf,
  postTitle,
  telegramFallbackNotes,
  VIDEO_NOT_CAPTURED,
  type TelegramBuildInput,
} from './telegram-build';

const dec = new TextDecoder();
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

const post: TelegramPost = {
  adapter: 'tme_s',
  channel: 'oblava_monitor_demo',
  channel_title: 'Облава: монитор (демо)',
  post_id: 302,
  permalink: 'https://t.me/oblava_monitor_demo/302',
  published_at: '2025-03-10T08:05:00.000Z',
  published_at_raw: '2025-03-10T08:05:00+00:00',
  published_at_basis: 'page_datetime',
  views: 1100,
  views_raw: '1.1K',
  text_html: 'Біля ТЦК <b>затримали</b> двох чоловіків',
  text: 'Біля ТЦК затримали двох чоловіків',
  media: [
    { type: 'photo', url: 'http://article.test/img/a.png', post_id: 302 },
    { type: 'photo', url: 'http://article.test/img/b.png', post_id: 303 },
  ],
  album: true,
};

function input(over: Partial<TelegramBuildInput> = {}): TelegramBuildInput {
  return {
    post,
    pageUrl: 'http://article.test/telegram/channel.html',
    pageTitle: 'Облава – Telegram',
    screenshotPng: PNG,
    screenshotNotes: ['cropped from the viewport'],
    media: [
      {
        media: post.media[0]!,
        file: {
          ok: true,
          url: 'http://article.test/img/a.png',
          bytes: PNG,
          status: 200,
          headers: [['content-type', 'image/png']],
          fetched_at: '2026-01-01T00:00:00.000Z',
        },
      },
      {
        media: post.media[1]!,
        file: {
          ok: false,
          url: 'http://article.test/img/b.png',
          status: 404,
          error: 'HTTP 404 Not Found',
          fetched_at: '2026-01-01T00:00:00.000Z',
        },
      },
    ],
    environment: {
      time_zone: 'Europe/Vilnius',
      viewport: { width: 1280, height: 800 },
      device_pixel_ratio: 1,
    },
    caseId: null,
    extensionVersion: '0.1.0',
    browserName: 'Chromium',
    capturedAt: '2026-01-01T00:00:01.000Z',
    trigger: 'post_control',
    ...over,
  };
}

describe('buildTelegramCapture', () => {
  it('fills source with exactly the spec fields, null when the page does not show them', () => {
    const c = buildTelegramCapture(input());
    expect(c.kind).toBe('telegram_post');
    expect(c.source).toEqual({
      channel: 'oblava_monitor_demo',
      channel_title: 'Облава: монитор (демо)',
      post_id: 302,
      permalink: 'https://t.me/oblava_monitor_demo/302',
      published_at: '2025-03-10T08:05:00.000Z',
      author: null,
      views: 1100,
      forwarded_from: null,
      reply_to: null,
    });
  });

  it('writes post.html, post.txt, screenshot.png, one media per fetched photo and capture.json', () => {
    const c = buildTelegramCapture(input());
    expect(c.artifacts.map((a) => [a.role, a.name])).toEqual([
      ['html_snapshot', 'post.html'],
      ['article_text', 'post.txt'],
      ['screenshot', 'screenshot.png'],
      ['media', 'media-1.png'],
      ['metadata', 'capture.json'],
    ]);
    expect(c.artifacts[3]!.bytes).toBe(PNG);
    expect(dec.decode(c.artifacts[0]!.bytes)).toContain('<b>затримали</b>');
    // The failed photo is in the record with its error, and in the alterations.
    expect(c.alterations).toContain(
      'media 2 (photo) could not be fetched from http://article.test/img/b.png: HTTP 404 Not Found',
    );
    const record = JSON.parse(dec.decode(c.artifacts[4]!.bytes)) as {
      media: Array<{ file: Record<string, unknown> }>;
      post: Record<string, unknown>;
    };
    expect(record.media[0]!.file).toMatchObject({
      name: 'media-1.png',
      status: 200,
      headers: [['content-type', 'image/png']],
      size: PNG.length,
    });
    expect(record.media[1]!.file).toMatchObject({ error: 'HTTP 404 Not Found', status: 404 });
    expect(record.post).toMatchObject({
      published_at_raw: '2025-03-10T08:05:00+00:00',
      views_raw: '1.1K',
    });
  });

  it('a post without text has no post.txt and says so', () => {
    const c = buildTelegramCapture(input({ post: { ...post, text: '', text_html: '' } }));
    expect(c.artifacts.some((a) => a.name === 'post.txt')).toBe(false);
    expect(c.alterations).toContain('the post has no text: no post.txt was written');
    expect(c.title).toBe('Облава: монитор (демо) · 302');
  });

  it('a video is recorded as URL and poster, and the item says its bytes were not captured', () => {
    const video = {
      type: 'video' as const,
      url: 'http://article.test/v.mp4',
      poster_url: 'http://article.test/p.png',
      duration_s: 48,
    };
    const c = buildTelegramCapture(
      input({
        post: { ...post, media: [video], album: false },
        media: [
          {
            media: video,
            poster: {
              ok: true,
              url: video.poster_url,
              bytes: PNG,
              status: 200,
              headers: [['content-type', 'image/png']],
              fetched_at: '2026-01-01T00:00:00.000Z',
            },
          },
        ],
      }),
    );
    expect(c.alterations).toContain(VIDEO_NOT_CAPTURED);
    expect(VIDEO_NOT_CAPTURED).toMatch(
      /^video bytes not captured: the media capture path has not landed/,
    );
    expect(c.artifacts.filter((a) => a.role === 'media')).toHaveLength(0);
    expect(c.artifacts.find((a) => a.role === 'thumbnail')?.name).toBe('poster-1.png');
  });

  it('names files from the content type, else the URL', () => {
    expect(extensionOf('image/jpeg', 'https://cdn/x')).toBe('jpg');
    expect(extensionOf('application/octet-stream', 'https://cdn/file.WEBP')).toBe('webp');
    expect(extensionOf('', 'not a url')).toBe('bin');
    expect(postTitle({ ...post, channel_title: undefined })).toBe(
      '@oblava_monitor_demo · 302: Біля ТЦК затримали двох чоловіків',
    );
  });
});

describe('telegramFallbackNotes', () => {
  it('explains a Telegram host whose layout is unknown, and says nothing otherwise', () => {
    const [note] = telegramFallbackNotes('https://t.me/s/some_channel', false);
    expect(note).toMatch(
      /^the page is on t\.me, but its layout is not one the Telegram adapters know/,
    );
    expect(telegramFallbackNotes('https://web.telegram.org/a/#-100123', false)).toHaveLength(1);
    expect(telegramFallbackNotes('https://t.me/s/some_channel', true)).toEqual([]);
    expect(telegramFallbackNotes('https://example.org/t.me', false)).toEqual([]);
    expect(telegramFallbackNotes('not a url', false)).toEqual([]);
  });
});

describe('detection at capture on the post text', () => {
  it('stores score, categories and entities when detection is on, null when off', () => {
    const text =
      'Сегодня у выхода из метро сотрудники военкомата задержали четверых мужчин и увезли в в/ч 21005, родственникам не сообщают, где они.';
    const on = buildTelegramCapture(
      input({ post: { ...post, text, text_html: text }, detection: { model: resetModel() } }),
    );
    expect(Detection.safeParse(on.detection).success).toBe(true);
    expect(on.detection!.score).toBeGreaterThan(0.5);
    expect(on.detection!.entities).toContainEqual(
      expect.objectContaining({ type: 'military_unit', value: '21005' }),
    );
    expect(buildTelegramCapture(input({ detection: null })).detection).toBeNull();
    expect(buildTelegramCapture(input()).detection).toBeNull();
  });
});
