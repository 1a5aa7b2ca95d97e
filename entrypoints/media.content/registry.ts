/**
 * The media elements the finder handed out, by handle. The background and the popup name an
 * element by its handle (`ref`); the element itself never leaves the page. Handles are stable
 * for the life of the element, so a list shown in the popup still points at the same element.
 */
import {
  describeImage,
  describeVideo,
  findMedia,
  MIN_IMAGE_SIDE,
  type FoundElement,
} from '@/utils/media/find';
import type { FoundMedia, MediaFound } from '@/utils/protocol-media';

type MediaElement = HTMLVideoElement | HTMLImageElement;

const refs = new WeakMap<MediaElement, string>();
const elements = new Map<string, WeakRef<MediaElement>>();
let next = 1;

export function refOf(el: MediaElement): string {
  let ref = refs.get(el);
  if (!ref) {
    ref = `m${next++}`;
    refs.set(el, ref);
    elements.set(ref, new WeakRef(el));
  }
  return ref;
}

/** The element behind a handle, if it is still in the page. */
export function elementOf(ref: string): MediaElement | null {
  const el = elements.get(ref)?.deref();
  return el?.isConnected ? el : null;
}

/** The bytes of a URL as resource timing saw them (undefined for cross-origin without TAO). */
function resourceSize(url: string): number | undefined {
  const e = performance.getEntriesByName(url)[0] as PerformanceResourceTiming | undefined;
  return e && e.decodedBodySize > 0 ? e.decodedBodySize : undefined;
}

/**
 * A `blob:` URL is a whole file when the page can read it, a MediaSource when it cannot (MSE:
 * HLS/DASH players): try, and cancel the body at once. A file's size comes with it.
 */
async function classifyBlob(m: FoundElement['media']): Promise<void> {
  if (m.origin !== 'blob' || !m.src) return;
  try {
    const res = await fetch(m.src);
    await res.body?.cancel();
    const len = Number(res.headers.get('content-length') ?? '');
    if (Number.isFinite(len) && res.headers.has('content-length')) m.size = len;
    m.type ??= res.headers.get('content-type') || null;
  } catch {
    m.origin = 'media_source';
  }
}

/** One element described again now (it may have changed source or size since the list). */
export async function describeRef(ref: string): Promise<FoundMedia | null> {
  const el = elementOf(ref);
  if (!el) return null;
  const media =
    el instanceof HTMLVideoElement
      ? describeVideo(el, document.baseURI, resourceSize)
      : describeImage(el, document.baseURI, resourceSize);
  await classifyBlob(media);
  return { ref, ...media };
}

export async function findAll(): Promise<MediaFound> {
  const { found, skipped_small } = findMedia(document, resourceSize);
  await Promise.all(found.map((f) => classifyBlob(f.media)));
  const items: FoundMedia[] = found.map((f) => ({ ref: refOf(f.el), ...f.media }));
  return {
    items,
    skipped_small,
    min_image_side: MIN_IMAGE_SIDE,
    page: pageInfo(),
  };
}

export function pageInfo(): MediaFound['page'] {
  return {
    url: location.href,
    title: document.title,
    user_agent: navigator.userAgent,
    time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    viewport: { width: innerWidth, height: innerHeight },
    device_pixel_ratio: devicePixelRatio || 1,
  };
}
