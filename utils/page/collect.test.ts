// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeBenchPages } from '../../bench/make-pages.mjs';
import { collectPage, decideKind } from './collect';
import { PageCapture } from './schema';
import { loadHtml, type TestPage } from './test-dom';

const E2E_PAGES = join(import.meta.dirname, '..', '..', 'e2e', 'pages');
let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function collect(html: string, url: string) {
  page = loadHtml(html, url);
  const capture = collectPage(page.win);
  // What the content script returns must pass the schema the background validates with.
  expect(PageCapture.safeParse(capture).success).toBe(true);
  return capture;
}

describe('collectPage', () => {
  it('collects the environment and times every stage', () => {
    const c = collect(
      '<html lang="ru"><head><title>Тест</title></head><body><p>Текст</p></body></html>',
      'https://news.example/x?a=1',
    );
    expect(c.url).toBe('https://news.example/x?a=1');
    expect(c.title).toBe('Тест');
    expect(c.lang).toBe('ru');
    expect(c.viewport).toEqual({ width: 1280, height: 800 });
    expect(c.device_pixel_ratio).toBeGreaterThan(0);
    expect(c.user_agent).toMatch(/HappyDOM/);
    expect(c.time_zone).toBeTruthy();
    expect(Object.keys(c.timings).sort()).toEqual(['metadata', 'readability', 'snapshot', 'text']);
    expect(c.text).toBe('Текст');
    expect(decideKind(c)).toBe('page');
  });
});

// The e2e suite expects these kinds and languages from the same pages in real Chromium; checking
// them here catches a page or core change that would fail there, in a second instead of a minute.
describe('the e2e pages', () => {
  const cases = [
    {
      file: 'ru-raid.html',
      kind: 'article',
      lang: 'ru',
      words: ['облава', 'в/ч 21005'],
      published: '2025-04-08T08:20:00.000Z',
    },
    {
      file: 'uk-basement.html',
      kind: 'article',
      lang: 'uk',
      words: ['затримали', 'військова частина А1234'],
      published: '2025-03-04T08:00:00.000Z',
    },
    {
      file: 'en-objector.html',
      kind: 'article',
      lang: 'en',
      words: ['objector'],
      published: '2025-01-27T14:00:00.000Z',
    },
    {
      file: 'throws.html',
      kind: 'article',
      lang: 'ru',
      words: ['Повестки вручали силой'],
      published: '2025-04-15T16:05:00.000Z',
    },
    {
      file: 'csp.html',
      kind: 'article',
      lang: 'en',
      words: ['foreign agent'],
      published: '2025-02-19T15:30:00.000Z',
    },
    {
      file: 'not-article.html',
      kind: 'page',
      lang: 'en',
      words: ['Contact the hotline'],
      published: undefined,
    },
  ] as const;
  for (const t of cases) {
    it(`${t.file}: ${t.kind}, ${t.lang}`, () => {
      const html = readFileSync(join(E2E_PAGES, t.file), 'utf8');
      const c = collect(html, `http://article.test:8080/${t.file}`);
      expect(decideKind(c)).toBe(t.kind);
      expect(c.lang).toBe(t.lang);
      expect(c.metadata.published_at).toBe(t.published);
      for (const w of t.words) expect(c.text).toContain(w);
      if (t.kind === 'article') expect(c.article!.text).toContain(t.words[0]);
      expect(c.snapshot.html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
      expect(c.snapshot.html).not.toMatch(/\sonclick=/i);
    });
  }

  it('ru-raid.html: snapshot images point at the test server', () => {
    const html = readFileSync(join(E2E_PAGES, 'ru-raid.html'), 'utf8');
    const c = collect(html, 'http://article.test:8080/ru-raid.html');
    expect(c.snapshot.html).toContain('src="http://article.test:8080/img/metro-exit.png"');
    expect(c.metadata.byline).toBe('Дарья Лесникова');
    expect(c.metadata.site_name).toBe('Городской курьер');
  });
});

describe('the benchmark pages', () => {
  it('are the same on every run', () => {
    expect(makeBenchPages(6)).toEqual(makeBenchPages(6));
  });

  it('are articles in three languages with 3-40 KB of text', () => {
    const pages = makeBenchPages();
    expect(pages).toHaveLength(24);
    const langs = new Set<string>();
    for (const p of pages) {
      const c = collect(p.html, `http://article.test:8080/bench/${p.name}`);
      expect(decideKind(c), p.name).toBe('article');
      langs.add(c.lang ?? '');
      const bytes = Buffer.byteLength(c.text);
      expect(bytes, p.name).toBeGreaterThan(3000);
      expect(bytes, p.name).toBeLessThan(45_000);
      void page?.close();
      page = undefined;
    }
    expect([...langs].sort()).toEqual(['en', 'ru', 'uk']);
  });
});
