// @vitest-environment happy-dom
/** web.telegram.org/k/ fixture (structure from tweb's source; see the fixture's header comment). */
import { afterEach, describe, expect, it } from 'vitest';
import { createParseContext, detectTelegramPage, parsePostElement, parsePosts } from './index';
import { webkChannelId, webkServerId } from './ids';
import { fixture, load, type LoadedPage } from './test-support';

const URL_K = 'https://web.telegram.org/k/#@raid_monitor_demo';

let page: LoadedPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function open(url = URL_K): Document {
  page = load(fixture('webk-channel.html'), url);
  return page.doc;
}

describe('tweb message ids', () => {
  it('decodes data-mid as tweb encodes it (0xFFFFFFFF + id * 0x10000)', () => {
    expect(webkServerId('4363190271')).toBe(1041);
    expect(webkServerId('8144224255')).toBe(58735);
    expect(webkServerId('4294967295')).toBeUndefined(); // id 0
    expect(webkServerId('58735')).toBe(58735); // legacy mids are the server id
    expect(webkServerId('4363517956')).toBeUndefined(); // local, unsent
    expect(webkServerId('-5')).toBeUndefined();
    expect(webkChannelId('-1987654321')).toBe('1987654321');
    expect(webkChannelId('520885308')).toBeUndefined(); // a user
  });
});

describe('web.telegram.org/k/', () => {
  it('is recognised by host and DOM; the channel comes from the URL fragment or the peer id', () => {
    expect(detectTelegramPage(open(), URL_K)).toEqual({
      adapter: 'webk',
      channel: 'raid_monitor_demo',
      channel_title: 'Облавы: мониторинг',
    });
    const byPeer = 'https://web.telegram.org/k/#-1987654321';
    expect(detectTelegramPage(open(byPeer), byPeer)?.channel).toBe('c/1987654321');
    // The /a/ path with /k/ markup is not /a/.
    expect(
      detectTelegramPage(
        open('https://web.telegram.org/a/#-1001987654321'),
        'https://web.telegram.org/a/#-1001987654321',
      ),
    ).toBeNull();
  });

  it('reads ids, permalinks, UTC dates from data-timestamp, views, media counts; skips the unsent bubble', () => {
    const posts = parsePosts(open(), 'webk');
    expect(
      posts.map((p) => [p.post_id, p.permalink, p.published_at, p.views, p.media.length]),
    ).toEqual([
      [1041, 'https://t.me/raid_monitor_demo/1041', '2025-03-04T06:33:20.000Z', undefined, 0],
      [1042, 'https://t.me/raid_monitor_demo/1042', '2025-03-04T08:00:00.000Z', 12300, 0],
      [1043, 'https://t.me/raid_monitor_demo/1043', '2025-03-04T10:00:00.000Z', 1234, 2],
      [1045, 'https://t.me/raid_monitor_demo/1045', '2025-03-04T12:00:15.000Z', 987, 1],
      [1046, 'https://t.me/raid_monitor_demo/1046', '2025-03-04T13:00:00.000Z', 2000, 0],
    ]);
    expect(
      posts.every(
        (p) =>
          p.adapter === 'webk' &&
          p.channel_id === '1987654321' &&
          p.published_at_basis === 'client_timestamp',
      ),
    ).toBe(true);
    expect(posts[0]).toMatchObject({ service: true, text: 'Channel photo updated' });
  });

  it('keeps the time, views and author out of the text, and reads them as fields', () => {
    const post = parsePosts(open(), 'webk')[1]!;
    expect(post.text).toBe(
      'Облава у выхода метро «Пролетарская»: троих призывников увезли в военкомат.\nСвидетели: полиция проверяла документы у всех мужчин.',
    );
    expect(post.text_html).toBe(
      'Облава у выхода метро «Пролетарская»: <strong>троих</strong> призывников увезли в военкомат.<br>Свидетели: полиция проверяла документы у всех мужчин.',
    );
    expect(post).toMatchObject({
      edited: true,
      author: 'Анна',
      views_raw: '12.3K',
      published_at_raw: '1741075200',
      element_path: '.bubble[data-mid="4363255807"]',
    });
    expect(post.channel_title).toBe('Облавы: мониторинг');
  });

  it('an album is one post with its items; an item not yet downloaded has no URL and does not throw', () => {
    const album = parsePosts(open(), 'webk')[2]!;
    expect(album.album).toBe(true);
    expect(album.media).toEqual([
      { type: 'photo', url: 'blob:https://web.telegram.org/6f1c2a9e-0001', post_id: 1043 },
      { type: 'photo', post_id: 1044 },
    ]);
    expect(album.text).toBe('Фото с места задержания, Киев, ул. Саксаганского.');
  });

  it('reads a forwarded video post, a reply and its link preview', () => {
    const [, , , video, reply] = parsePosts(open(), 'webk');
    expect(video!.forwarded_from).toEqual({ name: 'Солдатские матери' });
    expect(video!.media).toEqual([
      {
        type: 'video',
        url: 'blob:https://web.telegram.org/6f1c2a9e-0004',
        poster_url: 'blob:https://web.telegram.org/6f1c2a9e-0003',
        duration_s: 76,
        width: 480,
        height: 270,
      },
    ]);
    expect(reply!.reply_to).toEqual({
      channel: 'raid_monitor_demo',
      post_id: 1042,
      text: 'Облава у выхода метро «Пролетарская»',
    });
    expect(reply!.link_preview).toEqual({
      url: 'https://monitor.example/raid-proletarskaya',
      title: 'Облава у метро: что известно',
      description: 'Хроника задержаний у станции метро.',
    });
    expect(reply!.text).toBe('Обновление: двоих отпустили, один в ИВС. Подробнее');
  });

  it('without data-timestamp, converts the full local title only when the browser zone is given', () => {
    const doc = open();
    for (const b of Array.from(doc.querySelectorAll('.bubble[data-timestamp]')))
      b.removeAttribute('data-timestamp');
    const noZone = parsePosts(doc, 'webk')[1]!;
    expect(noZone.published_at).toBeUndefined();
    expect(noZone.published_at_raw).toBe('4 March 2025, 11:00:00\nEdited: 4 March 2025, 11:05:00');
    const moscow = parsePosts(doc, 'webk', { timeZone: 'Europe/Moscow' })[1]!;
    expect(moscow).toMatchObject({
      published_at: '2025-03-04T08:00:00.000Z',
      published_at_basis: 'client_local_time',
    });
  });

  it('one clicked bubble parses the same as the whole page (content-script path)', () => {
    const doc = open();
    const ctx = createParseContext(doc, { url: URL_K });
    const bubble = doc.querySelector('.bubble[data-mid="4363452415"]')!;
    expect(parsePostElement(bubble, 'webk', ctx)).toEqual(
      parsePosts(doc, 'webk', { url: URL_K })[3],
    );
    // A date separator (no data-mid) is not a post.
    expect(parsePostElement(doc.querySelector('.bubble.is-date')!, 'webk', ctx)).toBeNull();
  });
});
