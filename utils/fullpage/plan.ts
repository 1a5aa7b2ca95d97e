/**
 * Geometry of the debugger-free full-page screenshot: which part of each viewport frame goes
 * where in the stitched image, how tall the image may be, and where to scroll next.
 * Pure: the background measures the page and takes the frames; this only does arithmetic,
 * in CSS pixels until the last step, where `scale` (frame pixels per CSS pixel, i.e. the
 * device pixel ratio times the zoom) turns it into rows of the image.
 */

/** Chromium refuses canvases with a side over 32,767 px. */
export const MAX_CANVAS_SIDE = 32_767;
/** ... or with more than 2^28 pixels (268,435,456, e.g. 16,384 × 16,384). */
export const MAX_CANVAS_AREA = 268_435_456;
/**
 * The cap on the page height, in CSS px. 16,384 px is about 23 frames of a 713 px window:
 * about 12 s at Chromium's two captureVisibleTab calls a second, and 84 MB of pixels at
 * 1,280 × 16,384 (DPR 1) while stitching. Taller pages are cut there, and the item says so.
 */
export const DEFAULT_CAP_CSS = 16_384;
/** Rows kept free under the canvas limit for the band added above the image. */
export const BAND_RESERVE_PX = 1_024;

/**
 * The tallest page (CSS px) the stitched image can hold: the cap, and the canvas limits
 * of the banded image (the taller of the two) at this scale and width.
 */
export function heightCapCss(scale: number, widthPx: number, capCss = DEFAULT_CAP_CSS): number {
  const bySide = (MAX_CANVAS_SIDE - BAND_RESERVE_PX) / scale;
  const byArea = (MAX_CANVAS_AREA / Math.max(1, widthPx) - BAND_RESERVE_PX) / scale;
  return Math.max(1, Math.floor(Math.min(capCss, bySide, byArea)));
}

/** The part of one frame that adds to the image, in CSS px. */
export interface Placement {
  /** Top of the part, from the top of the frame. */
  srcY: number;
  /** Top of the part in the page (and in the stitched image). */
  destY: number;
  height: number;
}

/**
 * What a frame taken at `scrollY` adds below `covered` (the part of the page already in the
 * image), up to `limit` (the page height or the cap). Null when it adds nothing: the page did
 * not scroll any further. Overlap with earlier frames is dropped, never drawn twice.
 */
export function placeFrame(
  covered: number,
  scrollY: number,
  viewHeight: number,
  limit: number,
): Placement | null {
  const top = Math.max(covered, scrollY);
  const bottom = Math.min(scrollY + viewHeight, limit);
  if (bottom <= top) return null;
  return { srcY: top - scrollY, destY: top, height: bottom - top };
}

/** A placement in image rows: copy `h` rows from row `sy` of the frame to row `dy`. */
export interface RowPlacement {
  sy: number;
  dy: number;
  h: number;
}

/**
 * Turns a placement into rows, starting at `nextRow` (the first row not yet drawn; `covered` is
 * the same place in CSS px), so the image has no gap and no overlap whatever the rounding at
 * fractional pixel ratios; a rounding difference of a row is taken from where the part starts
 * in the frame, within the frame.
 */
export function toRows(
  p: Placement,
  scale: number,
  frameRows: number,
  nextRow: number,
  covered: number,
): RowPlacement {
  // A part that starts below the cursor by more than rounding (the page jumped past some rows,
  // e.g. scroll snapping) keeps its true place: the rows between stay empty, never shifted up.
  const dy = p.destY > covered + 0.5 ? Math.max(nextRow, Math.round(p.destY * scale)) : nextRow;
  const h = Math.min(frameRows, Math.max(0, Math.round((p.destY + p.height) * scale) - dy));
  const sy = Math.round(p.srcY * scale) + (dy - Math.round(p.destY * scale));
  return { sy: Math.max(0, Math.min(sy, frameRows - h)), dy, h };
}

/** The limit the stitching goes to: the page height, cut at the cap. */
export function stitchLimit(
  pageHeight: number,
  capCss: number,
): { limit: number; capped: boolean } {
  return pageHeight > capCss
    ? { limit: capCss, capped: true }
    : { limit: Math.max(0, pageHeight), capped: false };
}

/**
 * How many frames a page may take at most: enough for the cap, plus a few for frames that add
 * nothing (a page that moved while it was scrolled). Pages that keep growing (endless feeds)
 * stop at the cap.
 */
export function maxFrames(capCss: number, viewHeight: number): number {
  return Math.ceil(capCss / Math.max(1, viewHeight)) + 3;
}
