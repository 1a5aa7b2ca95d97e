/**
 * A RandomAccessSource over a Blob or File (the extension's import of a pack the user picked):
 * each read slices the file, so a multi-GB pack is never loaded whole.
 */
import type { RandomAccessSource } from './types';

/** Random access to `blob` through `Blob.slice`. */
export function blobSource(blob: Blob): RandomAccessSource {
  return {
    size: blob.size,
    read: async (offset, length) =>
      new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}
