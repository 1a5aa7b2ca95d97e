// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { loadHtml, type TestPage } from './test-dom';
import { detectLangHint, normalizeForDigest, normalizeLang, visibleText } from './text';

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function load(html: string): Document {
  page = loadHtml(html);
  return page.doc;
}

describe('visibleText', () => {
  it('separates paragraphs and blocks, collapses whitespace, skips non-text elements', () => {
    const doc = load(`<html><head><title>T</title><style>p{}</style></head><body>
      <h1>  Облава   у метро </h1><script>var x = 1;</script>
      <p>Первый    абзац,\n  <b>жирный</b> текст.</p><p>Второй абзац.<br>Строка два.</p>
      <ul><li>один</li><li>два</li></ul><div hidden>скрыто</div><div style="display: none">тоже</div>
      <noscript>включите JS</noscript><template><p>шаблон</p></template>
      <table><tr><td>a</td><td>b</td></tr></table><pre>строка 1\nстрока  2</pre></body></html>`);
    expect(visibleText(doc)).toBe(
      'Облава у метро\n\nПервый абзац, жирный текст.\n\nВторой абзац.\nСтрока два.\n\nодин\nдва\n\na b\n\nстрока 1\nстрока 2',
    );
  });

  it('stops at maxChars and handles deep nesting', () => {
    // happy-dom itself overflows its stack past a few thousand levels when the window closes.
    const deep = '<div>'.repeat(1000) + 'глубоко' + '</div>'.repeat(1000);
    const doc = load(`<html><body>${deep}<p>${'слово '.repeat(1000)}</p></body></html>`);
    const text = visibleText(doc, 100);
    expect(text.length).toBe(100);
    expect(text.startsWith('глубоко\n\nслово')).toBe(true);
  });
});

describe('language and digest helpers', () => {
  it('normalizes language tags to a primary subtag', () => {
    expect(normalizeLang('ru-RU')).toBe('ru');
    expect(normalizeLang('uk_UA')).toBe('uk');
    expect(normalizeLang('UA')).toBe('uk');
    expect(normalizeLang('x-default')).toBeUndefined();
    expect(normalizeLang('')).toBeUndefined();
  });

  it('reads html lang, then Content-Language', () => {
    expect(detectLangHint(load('<html lang="EN-gb"><body></body></html>'))).toBe('en');
    expect(
      detectLangHint(
        load('<html><head><meta http-equiv="Content-Language" content="uk, ru"></head></html>'),
      ),
    ).toBe('uk');
    expect(detectLangHint(load('<html><body></body></html>'))).toBeUndefined();
  });

  it('normalizeForDigest composes to NFC and collapses all whitespace', () => {
    const decomposed = 'вои\u0306ска'; // й written as и + combining breve
    expect(normalizeForDigest(`  ${decomposed}\u00a0\n\t в/ч   21005 `)).toBe('войска в/ч 21005');
  });
});
