/**
 * Drawing the full-page screenshot in the service worker (OffscreenCanvas, createImageBitmap:
 * no offscreen document needed): the frames stitched into one image, and the same image with
 * a band above it that states the capture time and the URL. The band is added around the page
 * image, never drawn over it, so the page part of the banded image equals the raw image.
 */
import type { RowPlacement } from '@/utils/fullpage/plan';
import { bandLines, type BandText } from '@/utils/fullpage/band';
import { dataUrlBytes } from './crop';

export interface Frame {
  dataUrl: string;
  rows: RowPlacement;
}

export function decodePng(dataUrl: string): Promise<ImageBitmap> {
  return createImageBitmap(new Blob([dataUrlBytes(dataUrl)], { type: 'image/png' }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
}

function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const g = canvas.getContext('2d', { alpha: false });
  if (!g) throw new Error('no 2D canvas in this browser');
  return g;
}

async function png(canvas: OffscreenCanvas): Promise<Uint8Array> {
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  return new Uint8Array(await blob.arrayBuffer());
}

/** One frame decoded at a time, so memory holds the image and a single frame. */
export async function stitch(frames: Frame[], width: number, height: number) {
  const canvas = new OffscreenCanvas(width, height);
  const g = context(canvas);
  for (const f of frames) {
    if (f.rows.h <= 0) continue;
    const bmp = await decodePng(f.dataUrl);
    try {
      g.drawImage(bmp, 0, f.rows.sy, width, f.rows.h, 0, f.rows.dy, width, f.rows.h);
    } finally {
      bmp.close();
    }
  }
  return { canvas, png: await png(canvas) };
}

export interface BandInput {
  text: BandText;
  capturedAt: string;
  timeZone: string;
  url: string;
  /** Pixels per CSS px, so the text is as legible as the page's own. */
  scale: number;
}

/** The image with the band above it; returns the PNG and the band's height in rows. */
export async function withBand(
  page: OffscreenCanvas,
  b: BandInput,
): Promise<{ png: Uint8Array; bandHeight: number }> {
  const fontPx = Math.round(14 * b.scale);
  const lineH = Math.round(fontPx * 1.4);
  const pad = Math.round(10 * b.scale);
  const font = `${fontPx}px "DejaVu Sans", "Noto Sans", Arial, sans-serif`;
  const measurer = context(new OffscreenCanvas(1, 1));
  measurer.font = font;
  const lines = bandLines(
    b.text,
    b.capturedAt,
    b.timeZone,
    b.url,
    page.width - 2 * pad,
    (s) => measurer.measureText(s).width,
  );
  const bandHeight = 2 * pad + lines.length * lineH;
  const canvas = new OffscreenCanvas(page.width, bandHeight + page.height);
  const g = context(canvas);
  g.fillStyle = '#f4f1e8';
  g.fillRect(0, 0, canvas.width, bandHeight);
  g.fillStyle = '#111111';
  g.font = font;
  g.textBaseline = 'top';
  lines.forEach((line, i) =>
    g.fillText(line, pad, pad + i * lineH + Math.round((lineH - fontPx) / 2)),
  );
  g.drawImage(page, 0, bandHeight);
  return { png: await png(canvas), bandHeight };
}
