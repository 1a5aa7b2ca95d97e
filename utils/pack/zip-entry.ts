/**
 * Streams the content of one ZIP entry, stored or deflated, with hard bounds: the data must
 * lie before the next entry, and inflation stops as soon as it passes the declared size, so a
 * zip bomb costs at most its declared size in work.
 */
import { readExact, type ZipEntry } from './zip-read';
import type { RandomAccessSource } from './types';

/** An entry whose bytes cannot be read as declared. The pack stays readable; this entry fails. */
export class EntryReadError extends Error {
  override name = 'EntryReadError';
}

const LFH_SIG = 0x04034b50;
const LFH_LEN = 30;
/** Deflate cannot expand by more than about 1032:1; a larger declared ratio is a lie. */
const MAX_DEFLATE_RATIO = 1032;

/** Options for `streamEntry`. */
export interface StreamEntryOptions {
  chunkSize: number;
  signal?: AbortSignal;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const DD_SIG = 0x08074b50;
const U32 = 0xffffffff;
/** Flags that must agree between local header and central directory: encryption, data descriptor, strong encryption, UTF-8. */
const FLAG_MASK = 0x0001 | 0x0008 | 0x0040 | 0x0800;

/** Sizes from a local header's ZIP64 extra field (both are present there when either is). */
function localZip64(extra: Uint8Array): { uncompressed: number; compressed: number } | undefined {
  const dv = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let p = 0; p + 4 <= extra.length; p += 4 + dv.getUint16(p + 2, true)) {
    if (dv.getUint16(p, true) !== 0x0001 || dv.getUint16(p + 2, true) < 16 || p + 20 > extra.length)
      continue;
    return {
      uncompressed: Number(dv.getBigUint64(p + 4, true)),
      compressed: Number(dv.getBigUint64(p + 12, true)),
    };
  }
  return undefined;
}

/**
 * Checks the data descriptor written after the data (flag bit 3): a streaming reader trusts it,
 * so it must agree with the central directory.
 */
async function checkDescriptor(
  source: RandomAccessSource,
  e: ZipEntry,
  at: number,
  zip64: boolean,
): Promise<void> {
  const len = Math.min(24, e.limit - at);
  if (len < 12) throw new EntryReadError('its data descriptor is missing');
  const b = await readExact(source, at, len);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let p = dv.getUint32(0, true) === DD_SIG ? 4 : 0;
  const crc = dv.getUint32(p, true);
  p += 4;
  const wide = zip64 && p + 16 <= len;
  if (!wide && p + 8 > len) throw new EntryReadError('its data descriptor is truncated');
  const compressed = wide ? Number(dv.getBigUint64(p, true)) : dv.getUint32(p, true);
  const uncompressed = wide ? Number(dv.getBigUint64(p + 8, true)) : dv.getUint32(p + 4, true);
  if (crc !== e.crc32 || compressed !== e.compressedSize || uncompressed !== e.uncompressedSize) {
    throw new EntryReadError(
      'its data descriptor disagrees with the central directory (ambiguous archive)',
    );
  }
}

/**
 * Checks the local header against the central directory and returns where the data starts.
 * Disagreements are refused: another ZIP reader (a streaming one reads local headers) could
 * otherwise extract other content than the one verified.
 */
async function dataOffset(source: RandomAccessSource, e: ZipEntry): Promise<number> {
  if (e.sharesOffset)
    throw new EntryReadError('its local header is shared with another entry (overlapping entries)');
  if (e.localHeaderOffset + LFH_LEN > e.limit)
    throw new EntryReadError('its local header overlaps the next entry or the central directory');
  const head = await readExact(source, e.localHeaderOffset, LFH_LEN);
  const dv = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (dv.getUint32(0, true) !== LFH_SIG) throw new EntryReadError('bad local header signature');
  const flags = dv.getUint16(6, true);
  const nameLen = dv.getUint16(26, true);
  const extraLen = dv.getUint16(28, true);
  if (dv.getUint16(8, true) !== e.method)
    throw new EntryReadError(
      'the local header and the central directory disagree on the compression method',
    );
  if ((flags & FLAG_MASK) !== (e.flags & FLAG_MASK))
    throw new EntryReadError(
      'the local header and the central directory disagree on the entry flags',
    );
  const start = e.localHeaderOffset + LFH_LEN + nameLen + extraLen;
  if (start + e.compressedSize > e.limit)
    throw new EntryReadError(
      'its data runs into the next entry or the central directory (overlapping or truncated entry)',
    );
  const rest = await readExact(source, e.localHeaderOffset + LFH_LEN, nameLen + extraLen);
  // unzip extracts under the central directory's name but warns on a mismatch; a different
  // local name is a sign of a crafted archive, so refuse it.
  if (!sameBytes(rest.subarray(0, nameLen), e.nameBytes))
    throw new EntryReadError('the local header names another file than the central directory');
  const z64 = localZip64(rest.subarray(nameLen));
  const crc = dv.getUint32(14, true);
  let compressed = dv.getUint32(18, true);
  let uncompressed = dv.getUint32(22, true);
  if (z64 && (compressed === U32 || uncompressed === U32)) ({ compressed, uncompressed } = z64);
  const blank = crc === 0 && compressed === 0 && uncompressed === 0;
  const same =
    crc === e.crc32 && compressed === e.compressedSize && uncompressed === e.uncompressedSize;
  if (flags & 0x0008) {
    // Streaming writers leave the local fields they do not know yet at 0 (sizes possibly in a
    // ZIP64 extra field) and write a descriptor after the data; what they do fill in must agree.
    const known = (v: number, cd: number): boolean => v === 0 || v === cd;
    if (
      !known(crc, e.crc32) ||
      !known(compressed, e.compressedSize) ||
      !known(uncompressed, e.uncompressedSize)
    ) {
      throw new EntryReadError(
        'its local header CRC or sizes disagree with the central directory (ambiguous archive)',
      );
    }
    await checkDescriptor(source, e, start + e.compressedSize, z64 !== undefined);
  } else if (!blank && !same) {
    throw new EntryReadError(
      'its local header CRC or sizes disagree with the central directory (ambiguous archive)',
    );
  }
  return start;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/**
 * Reads a byte range in chunks, one read ahead: the next read (a Node thread-pool or browser
 * I/O task) runs while the consumer hashes the current chunk.
 */
async function* readRange(
  source: RandomAccessSource,
  start: number,
  length: number,
  opts: StreamEntryOptions,
): AsyncGenerator<Uint8Array> {
  const read = (at: number): Promise<Uint8Array> => {
    const p = readExact(source, start + at, Math.min(opts.chunkSize, length - at));
    // If the consumer stops early, a pending read's failure must not surface as unhandled.
    p.catch(() => undefined);
    return p;
  };
  let next = length > 0 ? read(0) : undefined;
  for (let done = 0; next;) {
    checkAborted(opts.signal);
    const chunk = await next;
    done += chunk.length;
    next = done < length ? read(done) : undefined;
    yield chunk;
  }
}

async function* inflate(
  compressed: AsyncGenerator<Uint8Array>,
  declared: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<Uint8Array> {
  const input = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(ctl) {
      const r = await compressed.next();
      if (r.done) ctl.close();
      else ctl.enqueue(r.value as Uint8Array<ArrayBuffer>);
    },
    async cancel() {
      await compressed.return(undefined);
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let total = 0;
  try {
    for (;;) {
      checkAborted(signal);
      let r: ReadableStreamReadResult<Uint8Array>;
      try {
        r = await reader.read();
      } catch (err) {
        throw new EntryReadError(
          `its deflated data is corrupt (${err instanceof Error ? err.message : String(err)})`,
        );
      }
      if (r.done) break;
      total += r.value.length;
      if (total > declared)
        throw new EntryReadError(
          `it inflates to more than its declared ${declared} bytes (zip bomb or damaged entry)`,
        );
      yield r.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (total !== declared)
    throw new EntryReadError(`it inflates to ${total} bytes, not the declared ${declared}`);
}

/**
 * Yields the uncompressed content of `e` in chunks. Throws EntryReadError when the entry is
 * encrypted, uses another method than stored/deflate, overlaps another entry, is truncated,
 * or inflates to another size than declared.
 */
export async function* streamEntry(
  source: RandomAccessSource,
  e: ZipEntry,
  opts: StreamEntryOptions,
): AsyncGenerator<Uint8Array> {
  if (e.flags & 0x0001) throw new EntryReadError('it is encrypted');
  if (e.method !== 0 && e.method !== 8)
    throw new EntryReadError(`unsupported compression method ${e.method}`);
  if (e.method === 0 && e.compressedSize !== e.uncompressedSize)
    throw new EntryReadError('a stored entry whose compressed and uncompressed sizes differ');
  if (e.method === 8 && e.uncompressedSize > e.compressedSize * MAX_DEFLATE_RATIO + 64) {
    throw new EntryReadError(
      `its declared size (${e.uncompressedSize} bytes) is impossible for ${e.compressedSize} deflated bytes`,
    );
  }
  const start = await dataOffset(source, e);
  const raw = readRange(source, start, e.compressedSize, opts);
  if (e.method === 0) yield* raw;
  else yield* inflate(raw, e.uncompressedSize, opts.signal);
}

/** Reads a whole entry into memory, refusing entries larger than `max` bytes. */
export async function readEntryBytes(
  source: RandomAccessSource,
  e: ZipEntry,
  max: number,
  opts: StreamEntryOptions,
): Promise<Uint8Array> {
  if (e.uncompressedSize > max)
    throw new EntryReadError(`it is ${e.uncompressedSize} bytes (at most ${max} accepted)`);
  const out = new Uint8Array(e.uncompressedSize);
  let at = 0;
  for await (const chunk of streamEntry(source, e, opts)) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
