/**
 * Streams ZIP entries into the caller's sink through zip.js, one entry after another, so memory
 * is bounded by the chunk size. The sink's writer is held here from the start: nobody else can
 * write to it, and on any failure it is aborted so no partial pack is left as if complete.
 */
import { ZipWriter } from '@zip.js/zip.js';
import { plainBytes } from './sha256';

const U32 = 0xffffffff;
/** Headroom for headers and deflate's worst-case growth when estimating offsets. */
const SLACK = (n: number): number => Math.ceil(n * 1.01) + 64 * 1024;

const ALREADY_COMPRESSED =
  /^(image|video|audio)\/|^application\/(zip|gzip|x-7z-compressed|x-xz|zstd|pdf|octet-stream)$|^font\/woff2$/;

/** Deflate for text, store for media and already-compressed data (deflating them wastes time). */
export function compressionLevel(mediaType: string): number {
  return ALREADY_COMPRESSED.test(mediaType.toLowerCase().split(';')[0]?.trim() ?? '') ? 0 : 6;
}

/** A ZIP being written to a sink. */
export class PackZipWriter {
  /** Bytes that reached the sink. */
  bytes = 0;
  private readonly out: WritableStreamDefaultWriter<Uint8Array>;
  private readonly zip: ZipWriter<unknown>;
  private estimated = 0;
  private failed = false;

  constructor(
    sink: WritableStream<Uint8Array>,
    private readonly opts: { forceZip64: boolean; lastModDate: Date; signal?: AbortSignal },
  ) {
    this.out = sink.getWriter();
    let failure: Error | undefined;
    const counting = new WritableStream<Uint8Array>({
      // Wait only for room in the sink's queue, not for the write itself, so the sink writes
      // one chunk while zip.js and the hasher prepare the next; memory stays bounded by the
      // sink's high-water mark.
      write: async (chunk) => {
        if (failure !== undefined) throw failure;
        await this.out.ready;
        this.bytes += chunk.length;
        this.out.write(chunk).catch((err: unknown) => {
          failure ??= err instanceof Error ? err : new Error(String(err));
        });
      },
      close: async () => {
        await this.out.close();
        if (failure !== undefined) throw failure;
      },
    });
    this.zip = new ZipWriter(counting, {
      useWebWorkers: false,
      keepOrder: true,
      lastModDate: opts.lastModDate,
    });
  }

  /** ZIP64 where this entry's size or offset could pass 4 GiB (or always, when forced). */
  private needsZip64(size: number): boolean {
    const zip64 = this.opts.forceZip64 || size >= U32 || this.estimated + SLACK(size) >= U32;
    this.estimated += SLACK(size);
    return zip64;
  }

  /** Adds an entry from bytes in memory. */
  async addBytes(name: string, bytes: Uint8Array, mediaType: string): Promise<void> {
    await this.addStream(
      name,
      bytes.length,
      mediaType,
      (async function* () {
        yield bytes;
      })(),
    );
  }

  /**
   * Adds an entry from a stream of chunks of known total `size`. With the content's `crc32`
   * (known from the pre-pass), a stored entry is passed through zip.js untouched.
   */
  async addStream(
    name: string,
    size: number,
    mediaType: string,
    chunks: AsyncIterable<Uint8Array>,
    crc32?: number,
  ): Promise<void> {
    const it = chunks[Symbol.asyncIterator]();
    const signal = this.opts.signal;
    const readable = new ReadableStream<Uint8Array<ArrayBuffer>>({
      async pull(ctl) {
        if (signal?.aborted)
          throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
        const r = await it.next();
        if (r.done) ctl.close();
        else ctl.enqueue(plainBytes(r.value));
      },
      async cancel() {
        await it.return?.();
      },
    });
    const zip64 = this.needsZip64(size);
    const level = compressionLevel(mediaType);
    if (level === 0 && crc32 !== undefined) {
      await this.zip.add(name, readable, {
        passThrough: true,
        compressionMethod: 0,
        crc32,
        zip64,
        uncompressedSize: size,
        useWebWorkers: false,
      });
    } else {
      await this.zip.add(name, readable, {
        level,
        zip64,
        uncompressedSize: size,
        useWebWorkers: false,
      });
    }
  }

  /** Writes the central directory and closes the sink; returns the ZIP's size. */
  async close(): Promise<number> {
    await this.zip.close(undefined, { zip64: this.opts.forceZip64 });
    return this.bytes;
  }

  /** Aborts the sink (the caller discards what was written). Safe to call more than once. */
  async abort(reason: unknown): Promise<void> {
    if (this.failed) return;
    this.failed = true;
    await this.out.abort(reason).catch(() => undefined);
  }
}
