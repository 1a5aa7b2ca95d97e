/**
 * A tall test page for the full-page screenshot (e2e/fullpage.e2e.ts, bench/fullpage.ts):
 * bands of 100 CSS px, each of its own colour, so every row of the stitched image says which
 * part of the page it shows; band 0 is a sticky header and a fixed cookie bar sits at the
 * bottom of the window, each in a colour no band has. No scripts, unless `throws`.
 */
export const BAND_PX = 100;
export const HEADER_RGB = [255, 0, 255] as const;
export const COOKIE_RGB = [0, 255, 255] as const;
export const COOKIE_PX = 50;
export const UNIQUE_PHRASE = 'Zebra quartz lantern 4417';

/** The colour of band `k` (k >= 1): no two bands alike, none like the header or the bar. */
export function bandRgb(k: number): [number, number, number] {
  return [k % 256, (200 - k + 256 * 4) % 256, 40 + (Math.floor(k / 256) % 100)];
}

const css = (c: readonly number[]) => `rgb(${c.join(',')})`;

/** `snap`: the page snaps its scroll to every tenth band (scroll-snap-type: y mandatory). */
export function makeTallPage(opts: { height: number; throws?: boolean; snap?: boolean }): string {
  const n = Math.ceil(opts.height / BAND_PX);
  const bands: string[] = [];
  for (let k = 1; k < n; k++) {
    const h = Math.min(BAND_PX, opts.height - k * BAND_PX);
    bands.push(`<div class="b" style="height:${h}px;background:${css(bandRgb(k))}"></div>`);
  }
  const sabotage = opts.throws
    ? `<script>
window.scrollTo = () => { throw new Error('no scrolling here'); };
Element.prototype.getBoundingClientRect = () => { throw new Error('no rects'); };
window.getComputedStyle = () => { throw new Error('no styles'); };
window.requestAnimationFrame = () => 0;
throw new Error('this page throws on purpose');
</script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tall page ${opts.height}</title>
<style>
html, body { margin: 0; padding: 0; }
header { position: sticky; top: 0; height: ${BAND_PX}px; background: ${css(HEADER_RGB)}; z-index: 2; }
.b { width: 100%; }${opts.snap ? '\nhtml { scroll-snap-type: y mandatory; }\n.b:nth-of-type(10n) { scroll-snap-align: start; }' : ''}
.cookie { position: fixed; left: 0; right: 0; bottom: 0; height: ${COOKIE_PX}px; background: ${css(COOKIE_RGB)}; z-index: 3; }
p.phrase { position: absolute; top: 150px; right: 20px; margin: 0; font: 16px sans-serif; }
</style>${sabotage}</head>
<body>
<header data-testid="sticky-header" style="border: 0"></header>
${bands.join('\n')}
<p class="phrase">${UNIQUE_PHRASE}</p>
<div class="cookie"></div>
</body></html>`;
}
