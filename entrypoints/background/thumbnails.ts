/**
 * Thumbnails of a video, drawn in the offscreen document (Chromium) from the bytes as STAGED in
 * the store, before the item is saved (see entrypoints/offscreen/main.ts and stored-route.ts):
 * the frames show what the kept file shows, they work for cross-origin files and recordings
 * alike, and they go into custody line 0 with the file. Decoding also gives the file's real
 * duration. Where there is no offscreen document (Firefox) or the browser cannot decode the
 * file, the answer says why; the capture is never refused for want of thumbnails.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import { base64ToBytes } from '@/utils/media/base64';
import type { DecodedThumbnails } from '@/utils/media/build';
import type { StagedArtifact } from '@/utils/store';

export const THUMBNAIL_COUNT = 6;
const OFFSCREEN_PATH = '/offscreen.html';

let creating: Promise<void> | undefined;

async function ensureOffscreen(): Promise<void> {
  const api = (browser as unknown as { offscreen?: typeof chrome.offscreen }).offscreen;
  if (!api) throw new Error('this browser has no offscreen documents');
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const existing = await browser.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [url],
  });
  if (existing.length > 0) return;
  creating ??= api
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['BLOBS'],
      justification: 'Draw thumbnails from a stored evidence video (decoding needs a document).',
    })
    .finally(() => (creating = undefined));
  await creating;
}

/** Up to THUMBNAIL_COUNT frames of a staged video, evenly spaced; never throws. */
export async function drawThumbnails(
  staged: StagedArtifact,
  mediaType: string,
): Promise<DecodedThumbnails> {
  try {
    await ensureOffscreen();
    const answer = await sendMessage('makeThumbnails', {
      artifactId: staged.artifact_id,
      size: staged.size,
      type: mediaType,
      count: THUMBNAIL_COUNT,
    });
    if (!answer.ok) return { ok: false, error: answer.error };
    return {
      ok: true,
      duration_s: answer.duration_s,
      width: answer.width,
      height: answer.height,
      frames: answer.frames.map((f) => ({ at_s: f.at_s, bytes: base64ToBytes(f.b64) })),
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
