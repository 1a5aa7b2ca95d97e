// @vitest-environment happy-dom
/** Counters, durations, client dates and text extraction. */
import { describe, expect, it } from 'vitest';
import { parseClientTitle, wallTimeToUtc } from './client-dates';
import { backgroundUrl, parseCount, parseDuration, parsePostLink, styleNumber } from './dom';
import { clientHashTarget } from './ids';
import { plainText, readPostText } from './text';

function el(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('parseCount', () => {
  it.each([
    ['1', 1],
    ['987', 987],
    ['1.2K', 1200],
    ['4.4K', 4400],
    ['12.3M', 12_300_000],
    ['1,2K', 1200],
    ['1,234', 1234],
    ['1 234', 1234],
    ['1\u00a0234', 1234],
    ['1\u202f234 567', 1_234_567],
    ['2K', 2000],
    ['1.5B', 1_500_000_000],
  ])('%s → %i', (raw, n) => expect(parseCount(raw)).toBe(n));

  it.each(['', 'views', '1.2.3K?', '12,34', 'K'])('%j → undefined', (raw) =>
    expect(parseCount(raw)).toBeUndefined(),
  );
});

describe('small readers', () => {
  it('durations, style numbers, background URLs and post links', () => {
    expect(parseDuration('1:16')).toBe(76);
    expect(parseDuration('01:02:03')).toBe(3723);
    expect(parseDuration('GIF')).toBeUndefined();
    const a = el(
      `<a style="width:600px;background-image:url('//cdn.example/p.jpg')"></a>`,
    ).firstElementChild!;
    expect(styleNumber(a, 'width')).toBe(600);
    expect(backgroundUrl(a)).toBe('https://cdn.example/p.jpg');
    expect(
      backgroundUrl(
        el('<i style="background-image:url(data:image/svg+xml;base64,AA==)"></i>')
          .firstElementChild,
      ),
    ).toBeUndefined();
    expect(parsePostLink('https://t.me/mchs_bryansk/4657?single')).toEqual({
      channel: 'mchs_bryansk',
      postId: 4657,
    });
    expect(parsePostLink('https://t.me/c/1987654321/5')).toEqual({
      channel: 'c/1987654321',
      postId: 5,
    });
    expect(parsePostLink('https://example.org/a/1')).toBeUndefined();
    expect(clientHashTarget('https://web.telegram.org/k/#@durov')).toEqual({ username: 'durov' });
    expect(clientHashTarget('https://web.telegram.org/a/#-1001987654321')).toEqual({
      peer: '-1001987654321',
    });
    expect(clientHashTarget('https://web.telegram.org/a/')).toEqual({});
  });
});

describe('client dates', () => {
  it('parses tweb and telegram-tt titles', () => {
    expect(parseClientTitle('4 March 2025, 11:00:05\nEdited: 4 March 2025, 11:05:00')).toEqual({
      year: 2025,
      month: 3,
      day: 4,
      hour: 11,
      minute: 0,
      second: 5,
    });
    expect(parseClientTitle('Mar 5, 2025, 09:30:00')).toMatchObject({ month: 3, day: 5, hour: 9 });
    expect(parseClientTitle('Mar 5, 2025, 9:30:00 PM')).toMatchObject({ hour: 21 });
    expect(parseClientTitle('5 мар. 2025 г., 09:30:00')).toMatchObject({ month: 3, day: 5 });
    expect(parseClientTitle('11:00')).toBeUndefined();
    expect(parseClientTitle('31 Foo 2025, 11:00:00')).toBeUndefined();
  });

  it('converts with the zone, across DST', () => {
    const w = { year: 2025, month: 7, day: 1, hour: 12, minute: 0, second: 0 };
    expect(wallTimeToUtc(w, 'Europe/Kyiv')).toBe('2025-07-01T09:00:00.000Z');
    expect(wallTimeToUtc({ ...w, month: 1 }, 'Europe/Kyiv')).toBe('2025-01-01T10:00:00.000Z');
    expect(wallTimeToUtc(w, 'Europe/Moscow')).toBe('2025-07-01T09:00:00.000Z');
    expect(wallTimeToUtc(w, 'Not/AZone')).toBeUndefined();
  });
});

describe('post text', () => {
  it('br and blocks become line breaks; pre keeps its spacing; runs of spaces collapse', () => {
    expect(plainText(el('a  <b> b </b>  c<br><br>d<div>e</div><div>f</div><pre>x  y</pre>'))).toBe(
      'a b c\n\nd\ne\nf\nx  y',
    );
    expect(plainText(el('\n   <b>Заголовок</b>\n   <br>\n   <br>Текст\n'))).toBe(
      'Заголовок\n\nТекст',
    );
  });

  it('drops the given parts and sanitises, without touching the page', () => {
    const root = el(
      '<p onclick="x()">Текст<span class="time">11:00</span><a href=" javascript:alert(1)">ссылка</a><style>*{}</style></p>',
    );
    const { html, text } = readPostText(root, '.time');
    expect(html).toBe('<p>Текст<a>ссылка</a></p>');
    expect(text).toBe('Текстссылка');
    expect(root.querySelector('.time')).not.toBeNull();
    expect(readPostText(undefined)).toEqual({ html: '', text: '' });
  });
});
