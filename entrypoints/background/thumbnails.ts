/**
 * Thumbnails of a stored video, drawn in the offscreen document (Chromium) from the stored bytes
 * (see entrypoints/offscreen/main.ts), and added to the item with one `artifact_added` event.
 * Where there is no offscreen document (Firefox) or the browser cannot decode the file, the item
 * says so; the capture itself is never undone for want of thumbnails.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import { base64ToBytes } from '@/utils/media/base64';
import { addDerivedArtifacts, type DerivedArtifact } from '@/utils/store/add-artifacts';
import type { EvidenceDb } from '@/utils/store';

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

/**
 * Adds up to THUMBNAIL_COUNT frames of the stored video `artifactId` to item `itemId`.
 * Returns a note for the user when it could not (never throws).
 */
export async function addThumbnails(
  db: EvidenceDb,
  itemId: string,
  artifactId: string,
): Promise<{ added: number; error?: string }> {
  try {
    await ensureOffscreen();
    const answer = await sendMessage('makeThumbnails', { artifactId, count: THUMBNAIL_COUNT });
    if (!answer.ok) return { added: 0, error: answer.error };
    const artifacts: DerivedArtifact[] = answer.frames.map((f, k) => ({
      role: 'thumbnail',
      name: `frame-${k + 1}.jpg`,
      media_type: 'image/jpeg',
      bytes: base64ToBytes(f.b64),
    }));
    await addDerivedArtifacts(db, itemId, artifacts, {
      how: `${artifacts.length} frames drawn from the stored media file (decoded by the browser in the extension's offscreen document, played from the store, not from the web), evenly spaced over its ${answer.duration_s.toFixed(1)} s, scaled to at most 320 px wide, JPEG`,
      frames_at_s: answer.frames.map((f) => Math.round(f.at_s * 1000) / 1000),
      video: { duration_s: answer.duration_s, width: answer.width, height: answer.height },
    });
    return { added: artifacts.length };
  } catch (e) {
    return { added: 0, error: e instanceof Error ? e.message : String(e) };
  }
}
