/**
 * The full-page screenshot, without the `debugger` permission: the page is scrolled a window
 * at a time and each view is taken with captureVisibleTab (through the queue in screenshot.ts,
 * which keeps to Chromium's two calls a second: that quota, not the stitching, sets the time),
 * then the frames are stitched here (stitch.ts). The viewport screenshot the capture already
 * took is reused as the first frame when the page was at the top, so a page that fits the
 * window costs no extra frame. Page-side steps: fullpage-page.ts.
 */
import { browser } from 'wxt/browser';
import {
  heightCapCss,
  maxFrames,
  placeFrame,
  stitchLimit,
  toRows,
  type RowPlacement,
} from '@/utils/fullpage/plan';
import type { BandText } from '@/utils/fullpage/band';
import { captureViewportPng } from './screenshot';
import { fullPageOp, type FullPageOp, type PageGeometry } from './fullpage-page';
import { decodePng, stitch, withBand, type Frame } from './stitch';

export interface FullPageInput {
  tabId: number;
  windowId: number;
  url: string;
  /** The capture's viewport screenshot (a PNG data URL) and when it was taken. */
  first: { dataUrl: string; at: string };
  timeZone: string;
  band: Omit<BandText, 'note'>;
  /** The note for a cut image, from its cap and the page's height (translated by the caller). */
  cutNote: (capCss: number, pageHeight: number) => string;
  /** Called after each view is taken: views so far and an estimate of how many there will be. */
  onFrame?: (done: number, estimate: number) => void;
}

export interface FullPageShot {
  raw: Uint8Array;
  banded: Uint8Array;
  /** What the item says about how the image was made (its alterations). */
  notes: string[];
  /** For capture.json. */
  record: {
    width: number;
    height: number;
    band_height: number;
    page_height_css: number;
    captured_height_css: number;
    capped: boolean;
    cap_css: number;
    frames: number;
    first_frame_reused: boolean;
    scale: number;
    fixed_or_sticky_elements: number;
    started_at: string;
    finished_at: string;
  };
  timings: { fullpage_frames: number; fullpage_stitch: number };
}

/** Steps before the page's watchdog restores it by itself (a frame takes about 0.6 s). */
const WATCHDOG_MS = 15_000;

class Aborted extends Error {}

async function pageOp(tabId: number, cmd: FullPageOp): Promise<PageGeometry> {
  const [r] = await browser.scripting.executeScript({
    target: { tabId },
    func: fullPageOp,
    args: [cmd],
  });
  const res = r?.result;
  if (!res) throw new Error('no answer from the page');
  if (!res.ok) throw new Error(res.error);
  return res;
}

/** A frame of this tab, or an error if the user switched tabs or the page navigated away. */
async function grab(i: FullPageInput): Promise<string> {
  const tab = await browser.tabs.get(i.tabId);
  if (!tab.active) throw new Aborted('the tab was switched away while the page was being scrolled');
  if (withoutHash(tab.url) !== withoutHash(i.url))
    throw new Aborted('the page navigated away while it was being scrolled');
  return captureViewportPng(i.windowId);
}

/** Pages that track the scroll in the URL's fragment (#section-3) are still the same page. */
const withoutHash = (u: string | undefined) => (u ?? '').replace(/#.*$/, '');

export async function takeFullPage(i: FullPageInput): Promise<FullPageShot> {
  const t0 = performance.now();
  const notes: string[] = [];
  const start = await pageOp(i.tabId, { op: 'start', watchdogMs: WATCHDOG_MS });
  let started = i.first.at;
  const frames: Frame[] = [];
  let g: PageGeometry;
  let reused = false;
  let capCss: number;
  let limit: number;
  let capped: boolean;
  let scale: number;
  let width: number;
  let covered = 0;
  let nextRow = 0;
  let fixed = start.fixedOrSticky;
  try {
    g = await pageOp(i.tabId, { op: 'frame', y: 0 });
    // The capture's screenshot is frame 0 only if the page was at its top-left when it was taken.
    reused = start.scrollX === 0 && start.scrollY === 0 && g.scrollY === 0;
    if (!reused) started = new Date().toISOString();
    let shot = reused ? i.first.dataUrl : await grab(i);
    const bmp = await decodePng(shot);
    scale = bmp.width / g.innerWidth;
    const frameRows = Math.min(bmp.height, Math.round(g.viewHeight * scale));
    bmp.close();
    width = Math.round(g.viewWidth * scale);
    capCss = heightCapCss(scale, width);
    const bound = maxFrames(capCss, g.viewHeight);
    let retries = 0;
    let grewChecked = false;
    for (;;) {
      ({ limit, capped } = stitchLimit(g.pageHeight, capCss));
      const p = placeFrame(covered, g.scrollY, g.viewHeight, limit);
      if (!p) {
        if (covered < limit)
          notes.push(
            `the page could not be scrolled past ${Math.round(covered)} px of its ${Math.round(g.pageHeight)} px; the full-page screenshot ends there`,
          );
        break;
      }
      if (p.destY > covered + 1)
        notes.push(
          `the page jumped from ${Math.round(covered)} px to ${Math.round(p.destY)} px while it was scrolled (scroll snapping?): that part of the full-page screenshot is left black`,
        );
      const rows: RowPlacement = toRows(p, scale, frameRows, nextRow, covered);
      frames.push({ dataUrl: shot, rows });
      i.onFrame?.(frames.length, Math.max(frames.length, Math.ceil(limit / g.viewHeight)));
      const prev = { covered, nextRow, scrollY: g.scrollY };
      covered = p.destY + p.height;
      nextRow = rows.dy + rows.h;
      if (covered >= limit) {
        if (capped || grewChecked) break;
        // Lazy pages grow when their end comes into view: look once more before stopping.
        grewChecked = true;
        await new Promise((r) => setTimeout(r, 300));
        g = await pageOp(i.tabId, { op: 'measure' });
        if (g.pageHeight <= covered + 1) break;
        // Fall through: the page grew, scroll on.
      }
      if (frames.length >= bound) {
        notes.push(`the full-page screenshot stopped after ${bound} frames`);
        break;
      }
      g = await pageOp(i.tabId, { op: 'frame', y: covered });
      fixed = g.fixedOrSticky;
      if (g.before !== prev.scrollY && retries < 2) {
        // The page scrolled itself while the last frame was taken: that frame is not where we
        // think it is. Take it again.
        retries++;
        frames.pop();
        if (frames.length === 0) reused = false;
        ({ covered, nextRow } = prev);
        g = await pageOp(i.tabId, { op: 'frame', y: prev.scrollY });
      }
      shot = await grab(i);
    }
  } finally {
    // Put the page back (styles, scroll), whatever happened; a failure to do so is reported.
    await pageOp(i.tabId, { op: 'restore' }).catch((e: unknown) => {
      console.warn('Protokol: could not restore the page after the full-page screenshot', e);
    });
  }
  if (capped)
    notes.push(
      `the full-page screenshot was cut at ${capCss} CSS px; the page was ${Math.round(g.pageHeight)} px tall`,
    );
  if (start.innerScroller)
    notes.push(
      'the page scrolls inside an element, not as a document: the full-page screenshot shows only what was in the window',
    );
  if (g.pageWidth > g.viewWidth + 1)
    notes.push(
      `the page is wider than the window (${Math.round(g.pageWidth)} px): the full-page screenshot shows its left ${Math.round(g.viewWidth)} px`,
    );
  const t1 = performance.now();
  const { canvas, png: raw } = await stitch(frames, width, nextRow);
  const band = await withBand(canvas, {
    text: { ...i.band, ...(capped ? { note: i.cutNote(capCss, Math.round(g.pageHeight)) } : {}) },
    capturedAt: started,
    timeZone: i.timeZone,
    url: i.url,
    scale,
  });
  canvas.width = canvas.height = 0; // let the pixels go before the bytes are hashed
  const t2 = performance.now();
  notes.unshift(
    `the full-page screenshot fullpage-raw.png was stitched from ${frames.length} views of the window taken while the extension scrolled the page${reused ? ' (the first is screenshot.png)' : ''}; fixed and sticky elements are shown in the first view where they appear and hidden in later views, so they appear once; the page's scroll position and styles were restored afterwards`,
    'fullpage.png is fullpage-raw.png with a band added above it (outside the page image) giving the time of its first view in UTC and in the local time zone, and the URL',
  );
  return {
    raw,
    banded: band.png,
    notes,
    record: {
      width,
      height: nextRow,
      band_height: band.bandHeight,
      page_height_css: Math.round(g.pageHeight),
      captured_height_css: Math.round(covered),
      capped,
      cap_css: capCss,
      frames: frames.length,
      first_frame_reused: reused,
      scale,
      fixed_or_sticky_elements: fixed,
      started_at: started,
      finished_at: new Date().toISOString(),
    },
    timings: { fullpage_frames: t1 - t0, fullpage_stitch: t2 - t1 },
  };
}
