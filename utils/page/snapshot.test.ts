// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotDocument, SnapshotTooLargeError } from './snapshot';
import { fixture, loadHtml, type TestPage } from './test-dom';

const URL_RU = 'https://vestnik.example/novosti/2025/02/11/oblava.html';
let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function load(html: string, url = URL_RU): Document {
  page = loadHtml(html, url);
  return page.doc;
}

describe('snapshotDocument on a news article', () => {
  it('removes scripts, handlers, javascript: URLs, meta refresh and base, and says so', () => {
    const doc = load(fixture('ru-graph.html'));
    const { html, alterations } = snapshotDocument(doc);
    expect(html.startsWith('<!DOCTYPE html>\n<html')).toBe(true);
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/http-equiv="refresh"/i);
    expect(html).not.toMatch(/<base/i);
    const said = alterations.join('\n');
    expect(said).toContain('2 script elements removed');
    expect(said).toContain('1 JSON-LD script element kept (structured data, not code)');
    expect(said).toContain('2 inline event handler attributes removed');
    expect(said).toContain('1 javascript: URL removed');
    expect(said).toContain('1 meta refresh element removed');
    expect(said).toContain(
      '1 base element removed (URLs resolved against https://vestnik.example/novosti/)',
    );
  });

  it('keeps JSON-LD and text, and makes URLs absolute against the base URL', () => {
    const doc = load(fixture('ru-graph.html'));
    const { html, alterations } = snapshotDocument(doc);
    expect(html).toMatch(/<script type="application\/ld\+json">[^<]*"NewsArticle"/);
    expect(html).toContain('По словам очевидцев, облава началась');
    expect(html).toContain('src="https://vestnik.example/novosti/img/metro.jpg"');
    expect(html).toContain(
      'srcset="https://vestnik.example/novosti/img/metro-480.jpg 480w, https://vestnik.example/novosti/img/metro-960.jpg 960w, https://cdn.vestnik.example/metro-1600.jpg 1600w"',
    );
    expect(html).toContain('href="https://vestnik.example/novosti/2025/02/11/oblava-u-metro"');
    expect(html).toContain('action="https://vestnik.example/poisk"');
    expect(html).toContain('url("https://vestnik.example/novosti/img/hero.jpg")');
    expect(html).toContain('href="#top"');
    expect(html).toContain('<img src="https://vestnik.example/pixel.gif"');
    expect(alterations.some((a) => /^\d+ relative URLs made absolute$/.test(a))).toBe(true);
  });

  it('never changes the live document', () => {
    const doc = load(fixture('ru-graph.html'));
    const input = doc.querySelector('input[name="q"]') as HTMLInputElement;
    input.value = 'облава';
    const before = doc.documentElement.outerHTML;
    snapshotDocument(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(input.value).toBe('облава');
    expect(doc.querySelectorAll('script').length).toBe(3);
  });

  it('writes form state into attributes', () => {
    const doc = load(fixture('ru-graph.html'));
    (doc.querySelector('input[name="q"]') as HTMLInputElement).value = 'в/ч 21005';
    (doc.querySelector('textarea') as HTMLTextAreaElement).value = 'увезли в 8:10';
    (doc.querySelector('select') as HTMLSelectElement).selectedIndex = 1;
    (doc.querySelector('input[type="checkbox"]') as HTMLInputElement).checked = true;
    const { html, alterations } = snapshotDocument(doc);
    expect(html).toContain('value="в/ч 21005"');
    expect(html).toContain('<textarea name="note">увезли в 8:10</textarea>');
    expect(html).toMatch(/<option selected="">Новости<\/option>/);
    expect(html).toMatch(/<input type="checkbox" name="c" checked="">/);
    expect(alterations).toContain('form field values written into attributes (4 fields)');
  });

  it('leaves password values out', () => {
    const doc = load('<html><body><form><input type="password" name="p"></form></body></html>');
    (doc.querySelector('input') as HTMLInputElement).value = 'secret';
    const { html, alterations } = snapshotDocument(doc);
    expect(html).not.toContain('secret');
    expect(alterations).toContain('1 password field value left out');
  });
});

describe('snapshotDocument on odd pages', () => {
  it('adds meta charset and a no-script CSP first in head, and replaces a foreign charset', () => {
    const doc = load(fixture('en-citation.html'), 'https://ledger.example/a');
    const { html, alterations } = snapshotDocument(doc);
    expect(html).toMatch(
      /<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'">/,
    );
    expect(html).not.toContain('windows-1252');
    expect(alterations.join('\n')).toContain(
      'character set declaration "windows-1252" replaced by UTF-8',
    );
  });

  it('writes open shadow roots as declarative shadow DOM', () => {
    const doc = load('<html><head></head><body><news-card></news-card></body></html>');
    const host = doc.querySelector('news-card') as Element;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p onclick="x()">Облава у метро</p><img src="pic.png"><script>1</script>';
    const { html, alterations } = snapshotDocument(doc);
    expect(html).toContain(
      '<news-card><template shadowrootmode="open"><p>Облава у метро</p><img src="https://vestnik.example/novosti/2025/02/11/pic.png"></template></news-card>',
    );
    expect(alterations.join('\n')).toContain(
      '1 open shadow root written as declarative shadow DOM',
    );
    expect(host.shadowRoot?.innerHTML).toContain('onclick');
  });

  it('cleans SVG, template content, srcdoc frames and object data', () => {
    const doc = load(
      '<html><body><svg><a xlink:href="javascript:evil()"><text>t</text></a><image href="i.png"/></svg>' +
        '<template><script>1</script><img src="t.png"></template>' +
        '<iframe srcdoc="<script>evil()</script>"></iframe><object data="doc.pdf"></object><form><button formaction="javascript:x()">b</button></form></body></html>',
    );
    // happy-dom's parser drops everything after a <script> inside <svg>, so add that one by hand.
    const svgScript = doc.createElementNS('http://www.w3.org/2000/svg', 'script');
    svgScript.textContent = 'evil()';
    doc.querySelector('svg')?.appendChild(svgScript);
    const { html, alterations } = snapshotDocument(doc);
    expect(html).not.toMatch(/evil|javascript:|<script>1/);
    expect(html).toContain('<text>t</text>');
    expect(html).toContain('href="https://vestnik.example/novosti/2025/02/11/i.png"');
    expect(html).toContain('<img src="https://vestnik.example/novosti/2025/02/11/t.png">');
    expect(html).toContain('data="https://vestnik.example/novosti/2025/02/11/doc.pdf"');
    const said = alterations.join('\n');
    expect(said).toContain('1 iframe srcdoc attribute removed');
    expect(said).toContain('1 frame kept as a reference only');
    expect(said).toContain('2 javascript: URLs removed');
    expect(said).toContain('2 script elements removed');
  });

  it('does not throw on framesets, MathML, custom elements and broken srcset', () => {
    const doc = load(
      '<html><body><math><mi href="x">x</mi></math><x-y is="z" srcset=",,, (" style="background:url(&quot;)"></x-y><img srcset="  , 1x,"><frameset><frame src="f.html"></frameset></body></html>',
    );
    expect(() => snapshotDocument(doc)).not.toThrow();
  });

  it('survives elements whose getters throw, and counts them', () => {
    // In a browser the content script runs in an isolated world where the page's prototype
    // overrides do not reach (e2e/pages/throws.html checks that); what remains is own properties.
    const doc = load(
      '<html><body><p onclick="x()">Текст</p><input name="a"><div id="h"></div></body></html>',
    );
    Object.defineProperty(doc.querySelector('input'), 'value', {
      get: () => {
        throw new Error('sabotage');
      },
    });
    Object.defineProperty(doc.getElementById('h'), 'shadowRoot', {
      get: () => {
        throw new Error('sabotage');
      },
    });
    const { html, alterations } = snapshotDocument(doc);
    expect(html).toContain('Текст');
    expect(html).not.toContain('onclick');
    expect(alterations).toContain('2 elements could not be processed and were left as they were');
  });

  it('handles an empty document and enforces maxBytes', () => {
    const doc = load('<html><body><p>ок</p></body></html>');
    expect(() => snapshotDocument(doc, { maxBytes: 50 })).toThrow(SnapshotTooLargeError);
    expect(snapshotDocument(doc, { maxBytes: 10_000 }).html).toContain('ок');
    doc.removeChild(doc.documentElement);
    expect(snapshotDocument(doc).html).toContain('<meta charset="utf-8">');
  });
});

describe("snapshotDocument and Protokol's own controls", () => {
  it('leaves out elements the extension added to the page, and says so', () => {
    const doc = load(
      '<html><head><title>t</title></head><body><p>Облава у метро</p><c-x1 id="ours"></c-x1><div id="page-own">kept</div></body></html>',
    );
    const ours = doc.getElementById('ours')!;
    const { html, alterations } = snapshotDocument(doc, { isOwnUi: (el) => el === ours });
    expect(html).not.toContain('c-x1');
    expect(html).toContain('<div id="page-own">kept</div>');
    expect(html).toContain('Облава у метро');
    expect(alterations).toContain(
      '1 element added by Protokol left out (its own controls on the page: they were not part of the page)',
    );
    // Without the predicate nothing is left out.
    expect(snapshotDocument(doc).html).toContain('c-x1');
  });
});
