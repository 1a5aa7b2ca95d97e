// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { extractMetadata } from './metadata';
import { fixture, loadHtml, type TestPage } from './test-dom';

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function load(
  html: string,
  url = 'https://vestnik.example/novosti/2025/02/11/oblava.html',
): Document {
  page = loadHtml(html, url);
  return page.doc;
}

describe('extractMetadata', () => {
  it('reads a Russian NewsArticle from a JSON-LD @graph, following @id references', () => {
    const m = extractMetadata(load(fixture('ru-graph.html')));
    expect(m).toMatchObject({
      title: 'Облава у метро: призывников увезли в военкомат',
      site_name: 'Северный вестник',
      byline: 'Анна Ветрова, Олег Миронов',
      published_at: '2025-02-11T06:30:00.000Z',
      published_at_raw: '2025-02-11T09:30:00+03:00',
      modified_at: '2025-02-11T09:05:00.000Z',
      lang: 'ru',
      canonical_url: 'https://vestnik.example/novosti/2025/02/11/oblava-u-metro',
      image: 'https://vestnik.example/img/metro.jpg',
      keywords: ['облава', 'призыв', 'военкомат'],
    });
    expect(m.json_ld_types).toEqual(
      expect.arrayContaining(['WebSite', 'Organization', 'Person', 'NewsArticle']),
    );
  });

  it('reads a Ukrainian article from Open Graph and the article <time>, in UTC', () => {
    const m = extractMetadata(load(fixture('uk-og.html'), 'https://monitor.example/news/pidval'));
    expect(m).toMatchObject({
      title: 'Військового тримають у підвалі за відмову йти на штурм',
      site_name: 'Громадський монітор',
      published_at: '2025-03-04T08:00:00.000Z',
      published_at_raw: '2025-03-04T10:00:00+02:00',
      lang: 'uk',
      description: 'Рідні кажуть, що його затримали після відмови виконувати наказ.',
      image: 'https://monitor.example/media/pidval.jpg',
      keywords: ['підвал', 'права військових'],
    });
    expect(m.byline).toBeUndefined();
    expect(m.json_ld_types).toBeUndefined();
  });

  it('reads an English article from citation_ and Dublin Core meta, keeping a zone-less date raw', () => {
    const m = extractMetadata(load(fixture('en-citation.html'), 'https://ledger.example/a'));
    expect(m).toMatchObject({
      title: 'A conscientious objector denied alternative civilian service',
      byline: 'Hale, Miriam; Okafor, Daniel',
      site_name: 'Civic Ledger Review',
      published_at_raw: '2024-11-05',
      lang: 'en',
      keywords: ['conscientious objection', 'alternative service', 'conscription'],
    });
    expect(m.published_at).toBeUndefined();
  });

  it('never throws on malformed JSON-LD, and repairs raw newlines in strings', () => {
    const doc = load(`<html lang="ua"><head><title>Fallback title</title>
      <script type="application/ld+json">{ "@type": "NewsArticle", "headline": "broken</script>
      <script type="application/ld+json">[1, "x", null, {"@graph": 5}, {"@type": 7}]</script>
      <script type="application/ld+json; charset=utf-8"><!--
      {"@type": "http://schema.org/ReportageNews", "headline": "Рядок
      з переносом", "author": "Редакція", "datePublished": "2025-03-04T10:00:00Z"} --></script>
      </head><body></body></html>`);
    const m = extractMetadata(doc);
    expect(m.title).toBe('Рядок з переносом');
    expect(m.byline).toBe('Редакція');
    expect(m.published_at).toBe('2025-03-04T10:00:00.000Z');
    expect(m.lang).toBe('uk');
    expect(m.json_ld_types).toEqual(['ReportageNews']);
  });

  it('falls back to itemprop, then the document title, on a page with no metadata', () => {
    const doc = load(`<html><head><title> Хроника </title></head><body>
      <span itemprop="datePublished" content="2025-01-20T07:00:00+03:00">20 января</span></body></html>`);
    expect(extractMetadata(doc)).toEqual({
      title: 'Хроника',
      published_at: '2025-01-20T04:00:00.000Z',
      published_at_raw: '2025-01-20T07:00:00+03:00',
    });
  });
});
