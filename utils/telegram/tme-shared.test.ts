// @vitest-environment happy-dom
/**
 * Every real saved page in ../shared/data/telegram, parsed and checked against values read off
 * the HTML by hand (data-post, <time datetime>, .tgme_widget_message_views, the media blocks,
 * data-view decoded with base64). A page added there without expectations here fails the test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { detectTelegramPage, parsePosts, TelegramPost } from './index';
import { load, sharedPage, sharedPages, type LoadedPage } from './test-support';

interface Expected {
  post_id: number;
  published_at: string;
  views?: number;
  media: number;
}
interface PageExpectation {
  /** URL the page is loaded at: its real address, or a file: URL for saved copies. */
  url: string;
  adapter: 'tme_s' | 'tme_embed';
  channel: string;
  channel_title: string;
  channel_id?: string;
  posts: Expected[];
}

const PAGES: Record<string, PageExpectation> = {
  'tme_s_prstnk_eprst.html': {
    url: 'https://t.me/s/prstnk_eprst',
    adapter: 'tme_s',
    channel: 'prstnk_eprst',
    channel_title: 'PRSTNK - [простенок]',
    channel_id: '3976510481',
    posts: [
      { post_id: 1, published_at: '2026-05-30T21:56:29.000Z', media: 0 },
      { post_id: 2, published_at: '2026-05-30T22:25:08.000Z', views: 1, media: 1 },
    ],
  },
  'tme_s_xCareers_jsoup_prettified.html': {
    url: 'file:///home/monitor/saved/xCareers.html',
    adapter: 'tme_s',
    channel: 'xCareers',
    channel_title: 'xCareers: Digital Jobs',
    channel_id: '1179933704',
    posts: [
      { post_id: 1491, published_at: '2020-04-30T17:00:04.000Z', views: 4400, media: 0 },
      { post_id: 1510, published_at: '2020-05-03T15:00:03.000Z', views: 4100, media: 0 },
      { post_id: 1511, published_at: '2020-05-04T07:00:02.000Z', views: 1500, media: 0 },
    ],
  },
  'tme_s_mchs_bryansk_fragment.html': {
    url: 'http://localhost:8080/mchs.html',
    adapter: 'tme_s',
    channel: 'mchs_bryansk',
    channel_title: 'МЧС Брянской области',
    channel_id: '1769674427',
    posts: [
      { post_id: 4656, published_at: '2024-12-05T13:10:40.000Z', views: 4200, media: 3 },
      { post_id: 4659, published_at: '2024-12-05T13:56:25.000Z', views: 3700, media: 1 },
      { post_id: 4660, published_at: '2024-12-05T14:30:04.000Z', views: 3600, media: 1 },
      { post_id: 4661, published_at: '2024-12-05T15:08:13.000Z', views: 3300, media: 1 },
    ],
  },
  'tme_post_embed_widget_K1inUSA.html': {
    url: 'https://t.me/K1inUSA/3?embed=1',
    adapter: 'tme_embed',
    channel: 'K1inUSA',
    channel_title: 'K1 in USA',
    posts: [{ post_id: 3, published_at: '2015-09-29T05:35:28.000Z', views: 2500, media: 0 }],
  },
};

let page: LoadedPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function open(name: string, url: string): Document {
  page = load(sharedPage(name), url);
  return page.doc;
}

describe('saved t.me pages', () => {
  it('has expectations for every file in shared/data/telegram', () => {
    expect(sharedPages().length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(PAGES).sort()).toEqual(sharedPages());
  });

  for (const [name, want] of Object.entries(PAGES)) {
    it(`${name}: ids, permalinks, UTC dates, views and media counts`, () => {
      const doc = open(name, want.url);
      const match = detectTelegramPage(doc, want.url);
      expect(match).toMatchObject({ adapter: want.adapter, channel: want.channel });
      const posts = parsePosts(doc, want.adapter);
      expect(
        posts.map((p) => ({
          post_id: p.post_id,
          published_at: p.published_at,
          views: p.views,
          media: p.media.length,
        })),
      ).toEqual(want.posts.map((p) => ({ ...p, views: p.views })));
      for (const p of posts) {
        expect(TelegramPost.safeParse(p).success).toBe(true);
        expect(p.channel).toBe(want.channel);
        expect(p.channel_title).toBe(want.channel_title);
        expect(p.channel_id).toBe(want.channel_id);
        expect(p.permalink).toBe(`https://t.me/${want.channel}/${p.post_id}`);
        expect(p.published_at_basis).toBe('page_datetime');
        expect(doc.querySelector(p.element_path!)).not.toBeNull();
      }
    });
  }
});

describe('details read off the saved pages', () => {
  it('prstnk_eprst: the service entry is kept and flagged; the photo URL and size come from the wrap style', () => {
    const [created, photo] = parsePosts(
      open('tme_s_prstnk_eprst.html', 'https://t.me/s/prstnk_eprst'),
      'tme_s',
    );
    expect(created).toMatchObject({ service: true, text: 'Channel created' });
    expect(created!.views).toBeUndefined();
    expect(photo!.service).toBeUndefined();
    expect(photo!.text).toBe(
      'Как Штапаков травит цинк в Смольном\nЗашли в мастерскую офорта — сняли весь процесс: грунтовка, игла, кислота.\n#репортаж',
    );
    expect(photo!.media).toEqual([
      {
        type: 'photo',
        url: expect.stringMatching(
          /^https:\/\/cdn4\.telesco\.pe\/file\/XS-2wXZ8Br9GfL7__p9sM5b7K.*IKA\.jpg$/,
        ) as string,
        width: 600,
        height: 800, // padding-top:133.33333333333% of 600px
      },
    ]);
    expect(photo!.views_raw).toBe('1');
  });

  it('xCareers (jsoup-prettified): indentation does not leak into the text', () => {
    const posts = parsePosts(
      open('tme_s_xCareers_jsoup_prettified.html', 'file:///x.html'),
      'tme_s',
    );
    expect(
      posts[0]!.text.startsWith(
        'РАЗРАБОТЧИК IOS 🔥\n\nФормат: #удаленка (на время карантина) потом #офис\nЛокация: #москва',
      ),
    ).toBe(true);
    expect(posts[0]!.text).not.toMatch(/ {2}|\n /);
    expect(
      posts[1]!.text.endsWith(
        'Вакансии закрываются очень быстро. Заглядывайте в @xCareers ежедневно, чтобы успеть откликаться!',
      ),
    ).toBe(true);
    // The inline keyboard under the bubble is not part of the post text.
    expect(posts[1]!.text).not.toContain('Разместить вакансию');
    expect(posts.map((p) => p.views_raw)).toEqual(['4.4K', '4.1K', '1.5K']);
  });

  it('mchs_bryansk fragment: an album stays one post with three photos, each with its own message id', () => {
    const posts = parsePosts(open('tme_s_mchs_bryansk_fragment.html', 'file:///f.html'), 'tme_s');
    const album = posts[0]!;
    expect(album.album).toBe(true);
    expect(album.media.map((m) => [m.type, m.post_id])).toEqual([
      ['photo', 4656],
      ['photo', 4657],
      ['photo', 4658],
    ]);
    expect(album.media.every((m) => m.url?.startsWith('https://cdn4.cdn-telegram.org/file/'))).toBe(
      true,
    );
    // The hidden "Please open Telegram" fallback every post carries is not a placeholder post.
    expect(posts.some((p) => p.unsupported)).toBe(false);
    expect(posts.map((p) => p.text).join('\n')).not.toContain('Please open Telegram');
    expect(
      album.text.startsWith('🧑‍🚒 Сегодня отмечается День добровольца\n\n📍 Дата была установлена'),
    ).toBe(true);
  });

  it('mchs_bryansk fragment: forwarded-from, photo sizes, and a video too big for the web page', () => {
    const [, single, forwarded, video] = parsePosts(
      open('tme_s_mchs_bryansk_fragment.html', 'file:///f.html'),
      'tme_s',
    );
    expect(single!.media[0]).toMatchObject({ type: 'photo', width: 800, height: 600 });
    expect(forwarded!.forwarded_from).toEqual({
      name: 'МЧС России',
      url: 'https://t.me/mchs_official/24927',
    });
    expect(forwarded!.media[0]).toMatchObject({ width: 800, height: 446 }); // 55.75% of 800
    expect(video!.media).toEqual([
      {
        type: 'video',
        poster_url: expect.stringMatching(
          /^https:\/\/cdn4\.cdn-telegram\.org\/file\/pOQ7iY1076_/,
        ) as string,
        duration_s: 76, // "1:16"
        width: 1280,
        height: 720, // padding-top:56.25%
        unavailable_reason: 'Media is too big',
      },
    ]);
    expect(video!.media[0]!.url).toBeUndefined();
  });

  it('embed widget: post named by its date link, text keeps line breaks and links', () => {
    const [post] = parsePosts(
      open('tme_post_embed_widget_K1inUSA.html', 'https://t.me/K1inUSA/3?embed=1'),
      'tme_embed',
    );
    expect(post).toMatchObject({
      adapter: 'tme_embed',
      post_id: 3,
      views_raw: '2.5K',
      element_path: '#widget_message',
    });
    expect(post!.text.split('\n')[0]).toBe('یک کانال تلگرامی متفاوت');
    expect(post!.text).toContain('\nhttp://telegram.me/K1inUSA\n');
    expect(post!.text_html).toContain(
      '<a href="http://telegram.me/K1inUSA" target="_blank" rel="noopener">',
    );
  });

  it('the embed page opened from a file is still recognised by its markup', () => {
    const doc = open('tme_post_embed_widget_K1inUSA.html', 'file:///home/monitor/embed.html');
    expect(detectTelegramPage(doc, 'file:///home/monitor/embed.html')).toEqual({
      adapter: 'tme_embed',
      channel: 'K1inUSA',
    });
  });
});
