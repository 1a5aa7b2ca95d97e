// @vitest-environment happy-dom
/** Page recognition by host and DOM signature. */
import { afterEach, describe, expect, it } from 'vitest';
import { detectTelegramPage } from './index';
import { fixture, load, sharedPage, type LoadedPage } from './test-support';

let page: LoadedPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function detect(html: string, url: string) {
  page = load(html, url);
  return detectTelegramPage(page.doc, url);
}

describe('detectTelegramPage', () => {
  it('a t.me/s page whose markup is not a known layout → null (generic capture runs)', () => {
    expect(
      detect(fixture('tme-unknown-layout.html'), 'https://t.me/s/raid_monitor_demo'),
    ).toBeNull();
    expect(
      detect(fixture('tme-unknown-layout.html'), 'https://t.me/raid_monitor_demo/101'),
    ).toBeNull();
    expect(detect(fixture('tme-unknown-layout.html'), 'file:///tmp/saved.html')).toBeNull();
  });

  it('a t.me host with no posts at all (channel landing page) → null', () => {
    const landing =
      '<!doctype html><div class="tgme_page"><div class="tgme_page_title">Облавы</div></div>';
    expect(detect(landing, 'https://t.me/raid_monitor_demo')).toBeNull();
  });

  it('a saved t.me/s copy is recognised from a file, another host, or an archive path', () => {
    const html = sharedPage('tme_s_prstnk_eprst.html');
    for (const url of [
      'file:///C:/Users/m/Desktop/prstnk.html',
      'https://archive.example/web/2026/https://t.me/s/prstnk_eprst',
      'http://article.test:4000/telegram/channel.html',
    ]) {
      expect(detect(html, url)).toEqual({
        adapter: 'tme_s',
        channel: 'prstnk_eprst',
        channel_title: 'PRSTNK - [простенок]',
      });
    }
  });

  it('on t.me the URL names the channel; telegram.me is the same site', () => {
    const html = sharedPage('tme_s_xCareers_jsoup_prettified.html');
    expect(detect(html, 'https://t.me/s/xCareers?before=1512')?.adapter).toBe('tme_s');
    expect(detect(html, 'https://telegram.me/s/xCareers')).toMatchObject({
      adapter: 'tme_s',
      channel: 'xCareers',
    });
  });

  it('a t.me/s channel without posts is still the t.me/s layout, with no posts', () => {
    const empty = `<!doctype html><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span>Новый канал</span></div>
      <div class="tgme_channel_info_header_username"><a href="https://t.me/new_demo">@new_demo</a></div></div><section class="tgme_channel_history"></section>`;
    expect(detect(empty, 'https://t.me/s/new_demo')).toEqual({
      adapter: 'tme_s',
      channel: 'new_demo',
      channel_title: 'Новый канал',
    });
    expect(detect(empty, 'file:///saved/new.html')).toEqual({
      adapter: 'tme_s',
      channel: 'new_demo',
      channel_title: 'Новый канал',
    });
  });

  it('a news article or a web client page with unknown markup → null', () => {
    const article =
      '<!doctype html><article><h1>Облава у метро</h1><time datetime="2025-03-04T09:00:00+03:00">4 марта</time></article>';
    expect(detect(article, 'https://news.example/2025/03/raid.html')).toBeNull();
    expect(detect(article, 'https://web.telegram.org/k/#@raid_monitor_demo')).toBeNull();
    expect(detect(article, 'https://web.telegram.org/a/#-1001987654321')).toBeNull();
  });

  it('web client fixtures saved to a file are recognised by their markup', () => {
    expect(detect(fixture('webk-channel.html'), 'file:///tmp/k.html')).toMatchObject({
      adapter: 'webk',
      channel: 'c/1987654321',
    });
    expect(detect(fixture('weba-channel.html'), 'file:///tmp/a.html')).toMatchObject({
      adapter: 'weba',
      channel: 'c/1987654321',
    });
  });

  it('survives a URL that does not parse', () => {
    page = load(sharedPage('tme_s_prstnk_eprst.html'), 'file:///tmp/p.html');
    expect(detectTelegramPage(page.doc, 'not a url')?.adapter).toBe('tme_s');
  });
});
