/**
 * Reading stored PNGs in the e2e tests: decoded by the browser (createImageBitmap in the
 * extension's service worker, with no colour conversion), so the tests need no image library.
 * Only compact summaries travel back to Node.
 */
import type { Worker } from 'playwright-core';

export interface PngColumns {
  width: number;
  height: number;
  /** For each requested x, the colour of every row as 0xRRGGBB. */
  columns: number[][];
}

/** The colours of the columns `xs` of a PNG given as base64. */
export function pngColumns(sw: Worker, b64: string, xs: number[]): Promise<PngColumns> {
  return sw.evaluate(
    async ({ b64, xs }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
        colorSpaceConversion: 'none',
        premultiplyAlpha: 'none',
      });
      const { width, height } = bmp;
      const c = new OffscreenCanvas(width, height);
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      const columns = xs.map((x) => {
        const d = g.getImageData(x, 0, 1, height).data;
        const col: number[] = [];
        for (let y = 0; y < height; y++)
          col.push((d[y * 4]! << 16) | (d[y * 4 + 1]! << 8) | d[y * 4 + 2]!);
        return col;
      });
      return { width, height, columns };
    },
    { b64, xs },
  );
}

export interface BandCompare {
  rawWidth: number;
  rawHeight: number;
  bandedWidth: number;
  bandedHeight: number;
  /** The first pixel (index) where the page part of the banded image differs from the raw one. */
  firstDiff: number | null;
  /** Pixels of the band that are not its background colour (the text). */
  inkPixels: number;
}

/** Whether `banded` is `raw` with a band of extra rows on top, and how much ink the band has. */
export function compareBanded(sw: Worker, rawB64: string, bandedB64: string): Promise<BandCompare> {
  return sw.evaluate(
    async ({ rawB64, bandedB64 }) => {
      const decode = async (b64: string) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }), {
          colorSpaceConversion: 'none',
          premultiplyAlpha: 'none',
        });
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d')!;
        g.drawImage(bmp, 0, 0);
        return { w: bmp.width, h: bmp.height, d: g.getImageData(0, 0, bmp.width, bmp.height).data };
      };
      const raw = await decode(rawB64);
      const banded = await decode(bandedB64);
      const band = banded.h - raw.h;
      let firstDiff: number | null = null;
      if (banded.w === raw.w && band > 0) {
        const off = band * banded.w * 4;
        for (let i = 0; i < raw.d.length; i++)
          if (raw.d[i] !== banded.d[off + i]) {
            firstDiff = i;
            break;
          }
      } else firstDiff = 0;
      let inkPixels = 0;
      const bg = [banded.d[0], banded.d[1], banded.d[2]];
      for (let i = 0; i < Math.max(0, band) * banded.w * 4; i += 4)
        if (banded.d[i] !== bg[0] || banded.d[i + 1] !== bg[1] || banded.d[i + 2] !== bg[2])
          inkPixels++;
      return {
        rawWidth: raw.w,
        rawHeight: raw.h,
        bandedWidth: banded.w,
        bandedHeight: banded.h,
        firstDiff,
        inkPixels,
      };
    },
    { rawB64, bandedB64 },
  );
}
