// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createTextWalk, rangeFor, readText } from './highlight-map';

function page(html: string): Element {
  document.body.innerHTML = html;
  return document.body;
}

describe('text map of a page', () => {
  it('joins inline text, breaks between blocks, folds whitespace 1:1 and skips hidden parts', () => {
    const root = page(
      '<h1>Облава</h1>\n  <p>Сотрудники <b>военкомата</b>\n задержали\tмужчин.</p><script>var x = 1</script><div hidden>скрыто</div><p>Второй<br>абзац</p>',
    );
    const map = readText(root);
    expect(map.text).toBe('Облава\nСотрудники военкомата  задержали мужчин.\nВторой\nабзац');
    expect(map.truncated).toBe(false);
    for (const e of map.entries)
      expect(map.text.slice(e.start, e.start + e.length).length).toBe(e.length);
  });

  it('maps offsets back to a Range over the same characters, across nodes and from a gap', () => {
    const root = page('<p>Сотрудники <b>военкомата</b> задержали мужчин.</p><p>Дальше.</p>');
    const map = readText(root);
    const start = map.text.indexOf('военкомата');
    const end = map.text.indexOf('мужчин') + 'мужчин'.length;
    expect(rangeFor(map, start, end)?.toString()).toBe('военкомата задержали мужчин');
    const gap = map.text.indexOf('\n');
    expect(rangeFor(map, gap, map.text.length)?.toString()).toBe('Дальше.');
    expect(rangeFor(map, 5, 5)).toBeNull();
  });

  it('stops at the character cap and walks in steps when the budget runs out', () => {
    const root = page(Array.from({ length: 500 }, (_, i) => `<p>Абзац номер ${i}.</p>`).join(''));
    expect(readText(root, { maxChars: 100 })).toMatchObject({ truncated: true });
    expect(readText(root, { maxChars: 100 }).text.length).toBe(100);
    const walk = createTextWalk(root);
    let steps = 0;
    while (!walk.step(() => true)) steps++;
    expect(steps).toBeGreaterThan(3);
    expect(walk.result().text).toBe(readText(root).text);
  });

  it('returns null for nodes the page has since removed', () => {
    const root = page('<p>Задержали активиста.</p>');
    const map = readText(root);
    root.innerHTML = '';
    expect(rangeFor(map, 0, 5)).toBeNull();
  });
});
