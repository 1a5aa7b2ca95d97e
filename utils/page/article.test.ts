// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { decideKind, extractArticle } from './article';
import { fixture, loadHtml, type TestPage } from './test-dom';

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function load(name: string): Document {
  page = loadHtml(fixture(name), 'https://vestnik.example/novosti/2025/02/11/oblava.html');
  return page.doc;
}

describe('extractArticle', () => {
  it('finds the Russian article text, with paragraphs separated by blank lines', () => {
    const doc = load('ru-graph.html');
    const before = doc.documentElement.outerHTML;
    const a = extractArticle(doc);
    expect(a).not.toBeNull();
    expect(a!.title).toBe('Облава у метро: призывников увезли в военкомат');
    expect(a!.text).toContain('По словам очевидцев, облава началась около восьми утра');
    expect(a!.text).toContain('отправлены на сборный пункт');
    expect(a!.text).toMatch(/тридцати лет\.\n\nТех, у кого/);
    expect(a!.text).not.toContain('window.dataLayer');
    expect(a!.content_html).toContain('<p>');
    expect(a!.length).toBe(a!.text.length);
    expect(a!.lang).toBe('ru-RU');
    expect(a!.site_name).toBe('Северный вестник');
    // Readability works on a clone: the live page keeps every node.
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(decideKind({ article: a })).toBe('article');
  });

  it('finds the Ukrainian and English articles', () => {
    const uk = extractArticle(load('uk-og.html'));
    expect(uk?.text).toContain('його затримали на позиціях наприкінці лютого');
    expect(uk?.text).not.toContain('Інші новини');
    const en = extractArticle(load('en-citation.html'));
    expect(en?.text).toContain('The draft commission met for eleven minutes.');
    expect(en?.excerpt).toBe(
      'A commission refused an application for alternative civilian service.',
    );
  });

  it('returns null for a page that is not an article, unless forced', () => {
    const doc = load('not-article.html');
    expect(extractArticle(doc)).toBeNull();
    const forced = extractArticle(doc, { force: true });
    expect(decideKind({ article: forced })).toBe('page');
    expect(decideKind({ article: null })).toBe('page');
  });

  it('returns null instead of throwing when the page is past the element limit', () => {
    expect(extractArticle(load('ru-graph.html'), { maxElems: 10 })).toBeNull();
  });
});
