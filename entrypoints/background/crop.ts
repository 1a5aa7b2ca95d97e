/**
 * Element screenshots: crop a viewport screenshot to an element's rectangle. createImageBitmap
 * and OffscreenCanvas work in the service worker, so no offscreen document is needed.
 */
import type { CssRect } from '@/utils/protocol-telegram';

export interface Cropped {
  png: Uint8Array;
  /** What the crop could not show, for the item's alterations. */
  notes: string[];
  /** The crop in screenshot pixels. */
  box: { x: number; y: number; width: number; height: number };
}

export async function cropPng(
  shotDataUrl: string,
  rect: CssRect,
  viewportWidth: number,
): Promise<Cropped> {
  const bitmap = await createImageBitmap(
    new Blob([dataUrlBytes(shotDataUrl)], { type: 'image/png' }),
  );
  try {
    // The ratio of the screenshot to the CSS viewport is the device pixel ratio the browser really used.
    const scale = bitmap.width / viewportWidth;
    const x0 = Math.max(0, Math.floor(rect.x * scale));
    const y0 = Math.max(0, Math.floor(rect.y * scale));
    const x1 = Math.min(bitmap.width, Math.ceil((rect.x + rect.width) * scale));
    const y1 = Math.min(bitmap.height, Math.ceil((rect.y + rect.height) * scale));
    if (x1 <= x0 || y1 <= y0)
      throw new Error('the post is not inside the visible part of the page');
    const notes: string[] = [];
    const cut =
      rect.y < 0 ||
      rect.x < 0 ||
      (rect.y + rect.height) * scale > bitmap.height + 1 ||
      (rect.x + rect.width) * scale > bitmap.width + 1;
    if (cut)
      notes.push(
        'the post is larger than the visible part of the page: the element screenshot shows only the part that was in view',
      );
    const canvas = new OffscreenCanvas(x1 - x0, y1 - y0);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas in this browser');
    g.drawImage(bitmap, x0, y0, x1 - x0, y1 - y0, 0, 0, x1 - x0, y1 - y0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return {
      png: new Uint8Array(await blob.arrayBuffer()),
      notes,
      box: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    };
  } finally {
    bitmap.close();
  }
}

export function dataUrlBytes(dataUrl: string): Uint8Array<ArrayBuffer> {
  const bin = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
