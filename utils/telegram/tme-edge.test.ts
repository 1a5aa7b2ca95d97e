// @vitest-environment happy-dom
/**
 * Edge cases on a synthetic t.me/s page (fixtures/tme-edge.html): reply, link preview, edited,
 * signature, a post without text, a photo without a URL, a post Telegram cannot show, every
 * media kind, and hostile markup inside a post's text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parsePostElement, parsePosts } from './index';
import { fixture, load, type LoadedPage } from './test-support';

const URL_S = 'https://t.me/s/edge_demo';

let page: LoadedPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function open(html = fixture('tme-edge.html'), url = URL_S): Document {
  page = load(html, url);
  return page.doc;
}
function post(id: number) {
  const found = parsePosts(open(), 'tme_s').find((p) => p.post_id === id);
  if (!found) throw new Error(`post ${id} not parsed`);
  return found;
}

describe('t.me/s edge cases', () => {
  it('parses every post with data-post and skips the "No posts found" block', () => {
    expect(parsePosts(open(), 'tme_s').map((p) => p.post_id)).toEqual([101, 102, 103, 104, 105]);
  });

  it('reads reply, link preview, "edited", signature, "1 234" views and a +03:00 date as UTC', () => {
    expect(post(101)).toMatchObject({
      reply_to: { channel: 'edge_demo', post_id: 99, text: 'Первое сообщение о задержании' },
      link_preview: {
        url: 'https://court.example/case/328',
        title: 'Дело № 1-328/2025',
        description: 'Статья 328 УК РФ, уклонение от прохождения службы.',
      },
      edited: true,
      author: 'Мария К.',
      views: 1234,
      published_at: '2025-03-06T06:15:00.000Z',
      published_at_raw: '2025-03-06T09:15:00+03:00',
      channel_title: 'Edge demo',
      text: 'Продолжение: задержанного перевели в СИЗО-1. Карточка дела',
    });
  });

  it('a photo post without text, whose photo has no URL: parsed, text empty, url absent', () => {
    const p = post(102);
    expect(p.text).toBe('');
    expect(p.text_html).toBe('');
    expect(p.views).toBe(12_300_000);
    expect(p.media).toEqual([{ type: 'photo', width: 640, height: 480 }]);
  });

  it('a post Telegram shows only as "Please open Telegram to view this post" is kept and flagged', () => {
    expect(post(103)).toMatchObject({
      unsupported: true,
      unsupported_reason: 'Please open Telegram to view this post',
      media: [],
      text: '',
    });
  });

  it('reads voice, round video, document and sticker blocks', () => {
    expect(post(104).media).toEqual([
      { type: 'voice', url: 'https://cdn.example/voice-104.ogg', duration_s: 37 },
      {
        type: 'round_video',
        url: 'https://cdn.example/round-104.mp4',
        poster_url: 'https://cdn.example/round-104.jpg',
        duration_s: 12,
      },
      {
        type: 'document',
        title: 'postanovlenie.pdf',
        unavailable_reason: 'not linked by t.me (1.2 MB)',
      },
      { type: 'sticker', url: 'https://cdn.example/sticker-104.webp' },
    ]);
    expect(post(104).album).toBe(true);
  });

  it('hostile markup: scripts, frames, handlers and script URLs are removed from text_html', () => {
    const p = post(105);
    expect(p.text_html).not.toMatch(
      /<script|<iframe|onerror|onclick|onmouseover|javascript:|evil\.example/i,
    );
    expect(p.text_html).toContain('<a>метро</a>');
    expect(p.text).toBe('Облава у метро\nКонец');
    // The page itself is not changed by parsing.
    expect(page!.doc.querySelector('[data-post="edge_demo/105"] script')).not.toBeNull();
  });

  it('parsePostElement returns null for an element that names no post, and never throws', () => {
    const doc = open();
    const noPost = doc.querySelectorAll('.tgme_widget_message')[5]!;
    expect(parsePostElement(noPost, 'tme_s', { url: URL_S })).toBeNull();
    const broken = doc.createElement('div');
    broken.className = 'tgme_widget_message';
    broken.setAttribute('data-post', 'edge_demo/0');
    expect(parsePostElement(broken, 'tme_s', {})).toBeNull();
    broken.setAttribute('data-post', 'edge_demo/7');
    broken.innerHTML =
      '<a class="tgme_widget_message_photo_wrap" style="background-image:url("></a><time datetime="garbage"></time>';
    expect(parsePostElement(broken, 'tme_s', {})).toMatchObject({
      post_id: 7,
      media: [{ type: 'photo' }],
      text: '',
    });
  });

  it('a post deleted from the page between listing and parsing is simply not there', () => {
    const doc = open();
    const el = doc.querySelector('[data-post="edge_demo/101"]')!;
    el.closest('.tgme_widget_message_wrap')!.remove();
    expect(parsePosts(doc, 'tme_s').map((p) => p.post_id)).toEqual([102, 103, 104, 105]);
    // The detached element still parses: the capture can keep what it saw.
    expect(parsePostElement(el, 'tme_s', { url: URL_S })?.post_id).toBe(101);
  });
});

describe('t.me/<channel>/<id> post page (no embed)', () => {
  it('falls back to the Open Graph text and says the frame must be read', () => {
    const html = `<!doctype html><html><head>
      <meta property="og:title" content="Облавы: мониторинг"><meta property="og:description" content="Облава у метро, троих увезли">
      </head><body><div class="tgme_page_widget"><script async src="https://telegram.org/js/telegram-widget.js" data-telegram-post="raid_monitor_demo/77"></script></div></body></html>`;
    const url = 'https://t.me/raid_monitor_demo/77';
    const posts = parsePosts(open(html, url), 'tme_post', { url });
    expect(posts).toEqual([
      expect.objectContaining({
        adapter: 'tme_post',
        channel: 'raid_monitor_demo',
        post_id: 77,
        text: 'Облава у метро, троих увезли',
        unsupported: true,
      }),
    ]);
    expect(posts[0]!.published_at).toBeUndefined();
  });
});
