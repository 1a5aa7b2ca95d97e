import { describe, expect, it } from 'vitest';
import { absolutize, absolutizeCss, absolutizeSrcset, isScriptUrl } from './urls';

const BASE = 'https://news.example/a/b.html';

describe('isScriptUrl', () => {
  it('sees through case, whitespace, tabs and newlines', () => {
    for (const u of [
      'javascript:alert(1)',
      ' JavaScript:x',
      'java\tscript:x',
      '\u0001javascript:x',
      'jav\nascript:x',
      'vbscript:x',
    ]) {
      expect(isScriptUrl(u), u).toBe(true);
    }
    for (const u of ['https://x/javascript:', '/javascript.html', 'mailto:a@b', '#js']) {
      expect(isScriptUrl(u), u).toBe(false);
    }
  });
});

describe('absolutize', () => {
  it('resolves relative URLs and leaves absolute, fragment-only and empty ones alone', () => {
    expect(absolutize('img/x.jpg', BASE)).toEqual({
      value: 'https://news.example/a/img/x.jpg',
      changed: 1,
    });
    expect(absolutize('//cdn.example/x.js', BASE).value).toBe('https://cdn.example/x.js');
    expect(absolutize('https://other.example/y', BASE).changed).toBe(0);
    expect(absolutize('data:image/png;base64,AAAA', BASE).changed).toBe(0);
    expect(absolutize('#comments', BASE)).toEqual({ value: '#comments', changed: 0 });
    expect(absolutize('', BASE).changed).toBe(0);
  });
});

describe('absolutizeSrcset', () => {
  it('rewrites every candidate and keeps descriptors', () => {
    const r = absolutizeSrcset('a.jpg 1x, /b.jpg 2x,c.jpg', BASE);
    expect(r.value).toBe(
      'https://news.example/a/a.jpg 1x, https://news.example/b.jpg 2x, https://news.example/a/c.jpg',
    );
    expect(r.changed).toBe(3);
  });

  it('keeps commas inside URLs and survives broken input', () => {
    const r = absolutizeSrcset('img.php?w=1,2 480w, x.jpg 960w', BASE);
    expect(r.value).toBe(
      'https://news.example/a/img.php?w=1,2 480w, https://news.example/a/x.jpg 960w',
    );
    expect(() => absolutizeSrcset(',,, ( ,', BASE)).not.toThrow();
    expect(absolutizeSrcset('   ', BASE)).toEqual({ value: '   ', changed: 0 });
  });
});

describe('absolutizeCss', () => {
  it('rewrites url() and @import but not data: URLs', () => {
    const r = absolutizeCss(
      `@import "print.css"; .a{background:url( 'bg.png' )} .b{background:url(data:image/png;base64,AA)}`,
      BASE,
    );
    expect(r.value).toContain('@import "https://news.example/a/print.css"');
    expect(r.value).toContain('url("https://news.example/a/bg.png")');
    expect(r.value).toContain('url(data:image/png;base64,AA)');
    expect(r.changed).toBe(2);
  });
});
