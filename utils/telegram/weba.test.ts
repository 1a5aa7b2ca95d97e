// @vitest-environment happy-dom
/** web.telegram.org/a/ fixture (structure from telegram-tt's source; see the fixture's header comment). */
import { afterEach, describe, expect, it } from 'vitest';
import { detectTelegramPage, parsePosts } from './index';
import { fixture, load, type LoadedPage } from './test-support';

const URL_A = 'https://web.telegram.org/a/#-1001987654321';

let page: LoadedPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function open(url = URL_A): Document {
  page = load(fixture('weba-channel.html'), url);
  return page.doc;
}

describe('web.telegram.org/a/', () => {
  it('is recognised by host and DOM; the channel comes from the fragment, the header handle or the avatar', () => {
    expect(detectTelegramPage(open(), URL_A)).toEqual({
      adapter: 'weba',
      channel: 'c/1987654321',
      channel_title: 'Облавы: мониторинг',
    });
    const byName = 'https://web.telegram.org/a/#@raid_monitor_demo';
    expect(detectTelegramPage(open(byName), byName)?.channel).toBe('raid_monitor_demo');
    const doc = open('https://web.telegram.org/a/');
    doc
      .querySelector('.ChatInfo .status')!
      .insertAdjacentHTML('afterbegin', '<span class="handle">raid_monitor_demo</span>');
    expect(detectTelegramPage(doc, 'https://web.telegram.org/a/')?.channel).toBe(
      'raid_monitor_demo',
    );
    const plain = open('https://web.telegram.org/a/');
    expect(detectTelegramPage(plain, 'https://web.telegram.org/a/')?.channel).toBe('c/1987654321');
  });

  it('reads ids, permalinks, views and media counts; a private channel gets the t.me/c/ link', () => {
    const posts = parsePosts(open(), 'weba', { timeZone: 'Europe/Kyiv' });
    expect(
      posts.map((p) => [p.post_id, p.permalink, p.views, p.media.length, p.service ?? false]),
    ).toEqual([
      [2040, 'https://t.me/c/1987654321/2040', undefined, 0, true],
      [2041, 'https://t.me/c/1987654321/2041', 5100, 0, false],
      [2042, 'https://t.me/c/1987654321/2042', 812, 2, false],
      [2044, 'https://t.me/c/1987654321/2044', 1200000, 1, false],
      [2045, 'https://t.me/c/1987654321/2045', 3456, 0, false],
    ]);
  });

  it('dates: the hover title becomes an instant with the browser zone; a bare "HH:MM" stays raw', () => {
    const [, edited, album, video, forwarded] = parsePosts(open(), 'weba', {
      timeZone: 'Europe/Kyiv',
    });
    // Kyiv is UTC+2 until the end of March.
    expect(edited).toMatchObject({
      published_at: '2025-03-05T07:30:00.000Z',
      published_at_basis: 'client_local_time',
      edited: true,
    });
    expect(forwarded!.published_at).toBe('2025-03-05T09:20:00.000Z');
    expect(album!.published_at).toBeUndefined();
    expect(album!.published_at_raw).toBe('10:02');
    expect(video!.published_at_raw).toBe('10:15');
    const noZone = parsePosts(open(), 'weba')[1]!;
    expect(noZone.published_at).toBeUndefined();
    expect(noZone.published_at_raw).toBe('Mar 5, 2025, 09:30:00\nEdited: Mar 5, 2025, 09:41:12');
  });

  it('text without the meta; signature, forward origin, album and video media', () => {
    const [, edited, album, video, forwarded] = parsePosts(open(), 'weba');
    expect(edited!.text).toBe(
      'Повестки вручают прямо на КПП общежития, ребят забирают в ТЦК.\nАдвокат на месте.',
    );
    expect(edited!.text_html).not.toContain('MessageMeta');
    expect(edited).toMatchObject({
      author: 'Олег',
      views_raw: '5.1K',
      element_path: '.Message[data-message-id="2041"]',
    });
    expect(album!.album).toBe(true);
    expect(album!.media).toEqual([
      { type: 'photo', url: 'blob:https://web.telegram.org/9b2e-0001', post_id: 2042 },
      { type: 'photo', post_id: 2043 },
    ]);
    expect(album!.text).toBe("Біля військкомату на Лук'янівці затримали двох чоловіків.");
    expect(video!.text).toBe('');
    expect(video!.media).toEqual([
      {
        type: 'video',
        url: 'blob:https://web.telegram.org/9b2e-0003',
        poster_url: 'blob:https://web.telegram.org/9b2e-0004',
        duration_s: 42,
        width: 480,
        height: 270,
      },
    ]);
    expect(forwarded!.forwarded_from).toEqual({ name: 'Правозахисний центр' });
    expect(forwarded!.text).toBe(
      'Відмовника від служби з релігійних переконань тримають у підвалі частини А1234.',
    );
  });
});
