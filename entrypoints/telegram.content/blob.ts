/** Reading the bytes behind one of the page's own blob: URLs (web clients keep media there). */
import { BLOB_LIMIT, type TelegramBlobAnswer } from '@/utils/protocol-telegram';

export async function readPageBlob(url: string): Promise<TelegramBlobAnswer> {
  // Only this page's blobs: another origin's blob: URL is not the post's media.
  if (!url.startsWith(`blob:${location.origin}/`)) return { error: 'not a blob: URL of this page' };
  try {
    const blob = await (await fetch(url)).blob();
    if (blob.size > BLOB_LIMIT) {
      return { error: `larger than the ${BLOB_LIMIT / 1024 / 1024} MiB that can be handed over` };
    }
    // Copied into an array of this script's own: in Firefox the buffer may belong to the page,
    // and slicing a view of it is refused ("Permission denied to access property constructor").
    const page = new Uint8Array(await blob.arrayBuffer());
    const bytes = new Uint8Array(page.length);
    bytes.set(page);
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return { base64: btoa(bin), type: blob.type };
  } catch (e) {
    return {
      error: `the page no longer holds this file: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
