// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findMedia, isSmallImage, originOf } from './find';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('finding media on a page', () => {
  it('tells where a video comes from', () => {
    expect(originOf('https://x.test/a.mp4', false)).toBe('http');
    expect(originOf('blob:https://x.test/1234', false)).toBe('blob');
    expect(originOf('data:video/mp4;base64,AA', false)).toBe('data');
    expect(originOf(null, false)).toBe('none');
    expect(originOf('https://x.test/a.mp4', true)).toBe('src_object');
  });

  it('lists videos first with their sources and poster, then images that are not tiny', () => {
    const doc = page(`
      <img src="/big.jpg" width="400" height="300" alt="Raid">
      <video src="/a.webm" poster="/p.png" title="Footage"><source src="/a.mp4" type="video/mp4"></video>
      <video><source src="/b.mp4" type="video/mp4"><source src="/b.webm" type="video/webm"></video>
      <img src="/pixel.gif" width="1" height="1">
      <img alt="no source">`);
    // happy-dom does no layout: give the large image the box a browser would.
    const big = doc.querySelector('img')!;
    big.getBoundingClientRect = () => ({ x: 0, y: 0, width: 400, height: 300 }) as DOMRect;
    const { found, skipped_small } = findMedia(doc, (u) =>
      u.endsWith('a.webm') ? 1234 : undefined,
    );
    const kinds = found.map((f) => f.media.kind);
    expect(kinds).toEqual(['video', 'video', 'image']);
    const [a, b, img] = found.map((f) => f.media);
    expect(a).toMatchObject({
      origin: 'http',
      src: `${location.origin}/a.webm`,
      poster: `${location.origin}/p.png`,
      label: 'Footage',
      size: 1234,
    });
    expect(a!.candidates).toEqual([`${location.origin}/a.webm`, `${location.origin}/a.mp4`]);
    // No currentSrc in a DOM without media loading: the first <source> stands in.
    expect(b).toMatchObject({ src: `${location.origin}/b.mp4`, type: 'video/mp4' });
    expect(img).toMatchObject({ kind: 'image', label: 'Raid', src: `${location.origin}/big.jpg` });
    expect(skipped_small).toBe(1);
  });

  it('skips an image only when both its file and its box are small', () => {
    const rect = (w: number, h: number) => ({ x: 0, y: 0, width: w, height: h });
    expect(isSmallImage({ width: 16, height: 16, rect: rect(16, 16) })).toBe(true);
    expect(isSmallImage({ width: 1, height: 1, rect: rect(1, 1) })).toBe(true);
    // A large file shown as a thumbnail is kept, and so is a small file shown large.
    expect(isSmallImage({ width: 1200, height: 800, rect: rect(48, 32) })).toBe(false);
    expect(isSmallImage({ width: 40, height: 40, rect: rect(400, 400) })).toBe(false);
  });
});
