/**
 * The offscreen document (Chromium): draws a strip of thumbnails from a video as staged in the
 * store, played through the service worker's `/stored/<artifact id>` route, so the frames show
 * what the kept file shows, whatever the page or its server does later, and work for
 * cross-origin files and recordings alike. It only reads.
 */
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import { bytesToBase64 } from '@/utils/media/base64';
import { ThumbnailRequest, type ThumbnailAnswer } from '@/utils/protocol-media';

const THUMB_WIDTH = 320;
const STEP_TIMEOUT_MS = 15_000;

function waitFor(el: HTMLMediaElement, ok: string, ms = STEP_TIMEOUT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (f: () => void) => {
      el.removeEventListener(ok, onOk);
      el.removeEventListener('error', onErr);
      clearTimeout(timer);
      f();
    };
    const onOk = () => done(resolve);
    const onErr = () =>
      done(() =>
        reject(
          new Error(
            el.error?.message ||
              `the browser cannot decode this file (code ${el.error?.code ?? '?'})`,
          ),
        ),
      );
    const timer = setTimeout(
      () => done(() => reject(new Error(`no "${ok}" within ${ms / 1000} s`))),
      ms,
    );
    el.addEventListener(ok, onOk);
    el.addEventListener('error', onErr);
  });
}

/**
 * A recording made by MediaRecorder carries no duration in its header: the browser learns it
 * by seeking far past the end once (it then reads to the last frame).
 */
async function durationOf(v: HTMLVideoElement): Promise<number> {
  if (Number.isFinite(v.duration)) return v.duration;
  const seeked = waitFor(v, 'seeked');
  v.currentTime = 1e9;
  await seeked;
  return Number.isFinite(v.duration) ? v.duration : v.currentTime;
}

async function makeThumbnails(req: ThumbnailRequest): Promise<ThumbnailAnswer> {
  const v = document.createElement('video');
  v.muted = true;
  v.preload = 'auto';
  const q = new URLSearchParams({ size: String(req.size), type: req.type });
  v.src = `/stored/${encodeURIComponent(req.artifactId)}?${q.toString()}`;
  document.body.append(v);
  try {
    await waitFor(v, 'loadeddata');
    const duration = await durationOf(v);
    const w = Math.min(THUMB_WIDTH, v.videoWidth || THUMB_WIDTH);
    const h = Math.max(1, Math.round(((v.videoHeight || 180) * w) / (v.videoWidth || THUMB_WIDTH)));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    const frames: Array<{ at_s: number; b64: string }> = [];
    for (let k = 0; k < req.count; k++) {
      const at = duration > 0 ? (duration * (k + 0.5)) / req.count : 0;
      const seeked = waitFor(v, 'seeked');
      v.currentTime = at;
      await seeked;
      g.drawImage(v, 0, 0, w, h);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
      if (!blob) throw new Error('the frame could not be encoded');
      frames.push({
        at_s: v.currentTime,
        b64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())),
      });
    }
    return { ok: true, frames, duration_s: duration, width: v.videoWidth, height: v.videoHeight };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    v.removeAttribute('src');
    v.load();
    v.remove();
  }
}

onMessage('makeThumbnails', ({ data, sender }) => {
  // Only the extension's own background asks (no tab: not a content script).
  if (sender.id !== browser.runtime.id || sender.tab) throw new Error('forbidden');
  return makeThumbnails(ThumbnailRequest.parse(data));
});
