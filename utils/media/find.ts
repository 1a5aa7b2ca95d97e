/**
 * Finding the videos and images on a page. Pure: the document and the resource-timing lookup
 * are parameters, so it runs in the content script and in tests (happy-dom).
 *
 * A video's bytes can come from an http(s) URL (src, currentSrc or a `<source>`), a `blob:`
 * URL (a whole file the page holds, or a MediaSource: told apart later, in the page, by trying
 * to read it), or a `srcObject` (a stream: no URL at all). An image's file is `currentSrc`: for
 * `srcset` and `<picture>` that is the one candidate the browser actually chose and shows.
 */
import type { FoundMedia, MediaOrigin } from '../protocol-media';

/**
 * An image is skipped as an icon or tracker when both its file and its box on the page have a
 * side under this many pixels (a 1×1 tracker, a 32×32 avatar, a 16×16 icon).
 */
export const MIN_IMAGE_SIDE = 64;

const MEDIA_ERRORS: Record<number, string> = {
  1: 'MEDIA_ERR_ABORTED',
  2: 'MEDIA_ERR_NETWORK',
  3: 'MEDIA_ERR_DECODE',
  4: 'MEDIA_ERR_SRC_NOT_SUPPORTED',
};

export interface FoundElement {
  el: HTMLVideoElement | HTMLImageElement;
  media: Omit<FoundMedia, 'ref'>;
}

export interface FindResult {
  found: FoundElement[];
  skipped_small: number;
}

/** Bytes of a URL as the page's resource timing saw them (0 or undefined when not visible). */
export type SizeLookup = (url: string) => number | undefined;

export function originOf(url: string | null, hasSrcObject: boolean): MediaOrigin {
  if (hasSrcObject) return 'src_object';
  if (!url) return 'none';
  if (/^https?:/i.test(url)) return 'http';
  if (url.startsWith('blob:')) return 'blob';
  if (url.startsWith('data:')) return 'data';
  return 'none';
}

function rectOf(el: Element) {
  const r = el.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

function absolute(url: string | null | undefined, base: string): string | null {
  if (!url) return null;
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}

function labelOf(el: Element): string {
  const text =
    el.getAttribute('aria-label') ?? el.getAttribute('title') ?? el.getAttribute('alt') ?? '';
  return text.trim().slice(0, 300);
}

function finiteOrNull(n: number): number | null {
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function describeVideo(
  v: HTMLVideoElement,
  base: string,
  size: SizeLookup,
): Omit<FoundMedia, 'ref'> {
  const sources = [...v.querySelectorAll('source')];
  const candidates = [
    absolute(v.getAttribute('src'), base),
    ...sources.map((s) => absolute(s.getAttribute('src'), base)),
  ].filter((u): u is string => u !== null);
  const hasObject = v.srcObject != null;
  const src = hasObject ? null : v.currentSrc || candidates[0] || null;
  const chosenSource = sources.find((s) => absolute(s.getAttribute('src'), base) === src);
  return {
    kind: 'video',
    origin: originOf(src, hasObject),
    src,
    candidates: [...new Set(candidates)].slice(0, 50),
    width: v.videoWidth || 0,
    height: v.videoHeight || 0,
    duration_s: finiteOrNull(v.duration),
    poster: absolute(v.getAttribute('poster'), base),
    size: src && /^https?:/i.test(src) ? (size(src) ?? null) : null,
    rect: rectOf(v),
    label: labelOf(v),
    type: chosenSource?.getAttribute('type') ?? null,
    media_error: v.error
      ? `${MEDIA_ERRORS[v.error.code] ?? v.error.code}${v.error.message ? `: ${v.error.message}` : ''}`
      : null,
  };
}

export function describeImage(
  img: HTMLImageElement,
  base: string,
  size: SizeLookup,
): Omit<FoundMedia, 'ref'> {
  const src = img.currentSrc || absolute(img.getAttribute('src'), base);
  const candidates = [absolute(img.getAttribute('src'), base)];
  const picture = img.parentElement?.tagName === 'PICTURE' ? img.parentElement : null;
  for (const s of picture ? [...picture.querySelectorAll('source')] : []) {
    // The first URL of each srcset candidate list, for the record; currentSrc is what is shown.
    const first = s.getAttribute('srcset')?.trim().split(/\s+/)[0];
    candidates.push(absolute(first, base));
  }
  return {
    kind: 'image',
    origin: originOf(src, false),
    src,
    candidates: [...new Set(candidates.filter((u): u is string => u !== null))].slice(0, 50),
    width: img.naturalWidth || 0,
    height: img.naturalHeight || 0,
    duration_s: null,
    poster: null,
    size: src && /^https?:/i.test(src) ? (size(src) ?? null) : null,
    rect: rectOf(img),
    label: labelOf(img),
    type: null,
    // A broken image has no natural size once it has finished loading.
    media_error:
      img.complete && img.naturalWidth === 0 && src ? 'the image could not be decoded' : null,
  };
}

/** An image too small to be evidence: both its file and its box are under MIN_IMAGE_SIDE. */
export function isSmallImage(m: Pick<FoundMedia, 'width' | 'height' | 'rect'>): boolean {
  const intrinsic = Math.min(m.width, m.height);
  const shown = Math.min(m.rect.width, m.rect.height);
  return Math.max(intrinsic, shown) < MIN_IMAGE_SIDE;
}

/** Every video, then every image that is not tiny, in document order. */
export function findMedia(doc: Document, size: SizeLookup = () => undefined): FindResult {
  const base = doc.baseURI;
  const found: FoundElement[] = [];
  for (const v of doc.querySelectorAll('video')) {
    found.push({ el: v, media: describeVideo(v, base, size) });
  }
  let skipped_small = 0;
  for (const img of doc.querySelectorAll('img')) {
    const media = describeImage(img, base, size);
    if (media.origin === 'none') continue;
    if (isSmallImage(media)) {
      skipped_small++;
      continue;
    }
    found.push({ el: img, media });
  }
  return { found, skipped_small };
}
