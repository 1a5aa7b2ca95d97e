/**
 * Node adapters for the pack core: a file handle as a RandomAccessSource, and node:crypto's
 * SHA-256, which is faster than WebAssembly here.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { RandomAccessSource, Sha256Factory } from '../utils/pack/types';

/** SHA-256 through node:crypto (OpenSSL, SHA-NI where the CPU has it). */
export const nodeSha256: Sha256Factory = () => {
  const h = createHash('sha256');
  return { update: (d) => void h.update(d), digestHex: () => h.digest('hex') };
};

/** An open file as a RandomAccessSource; call `close` when done. */
export interface FileSource extends RandomAccessSource {
  close(): Promise<void>;
}

/** Opens `path` read-only. Throws (ENOENT, EISDIR, ...) when it cannot be read. */
export async function openFileSource(path: string): Promise<FileSource> {
  const fh: FileHandle = await open(path, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${path} is not a regular file`);
    return {
      size: st.size,
      async read(offset, length) {
        const buf = new Uint8Array(length);
        let got = 0;
        // A single read may return less than asked (pipes, network file systems): loop.
        while (got < length) {
          const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return got === length ? buf : buf.subarray(0, got);
      },
      close: () => fh.close(),
    };
  } catch (err) {
    await fh.close();
    throw err;
  }
}
