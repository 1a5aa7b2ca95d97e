/**
 * Reads a ZIP's central directory (with ZIP64) from a random-access source.
 * Written by hand rather than through zip.js so that every bound on hostile input is ours:
 * directory size, entry count, 64-bit sizes beyond 2^53, and overlapping entries.
 */
import type { RandomAccessSource } from './types';

/** The archive cannot be read as a ZIP at all. */
export class ZipFormatError extends Error {
  override name = 'ZipFormatError';
}

/** One central directory record. */
export interface ZipEntry {
  index: number;
  /** Decoded UTF-8 name (U+FFFD where the bytes are not UTF-8; see `nameIsUtf8`). */
  name: string;
  nameBytes: Uint8Array;
  nameIsUtf8: boolean;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  isDirectory: boolean;
  isSymlink: boolean;
  /**
   * Where this entry's bytes must end: the next entry's local header or the central directory.
   * Entries whose data would cross it overlap another entry (the trick of overlapping zip bombs).
   */
  limit: number;
  /** Another entry starts at the same local header offset. */
  sharesOffset: boolean;
}

/** The parsed directory. */
export interface ZipDirectory {
  entries: ZipEntry[];
  centralDirectoryOffset: number;
}

/** Limits applied while reading the directory. */
export interface ZipReadLimits {
  maxEntries: number;
  maxCentralDirectoryBytes: number;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CDH_SIG = 0x02014b50;
const EOCD_LEN = 22;
const CDH_LEN = 46;
const U32 = 0xffffffff;
const U16 = 0xffff;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Reads exactly `length` bytes or throws: a short read means a truncated file. */
export async function readExact(
  source: RandomAccessSource,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  if (length === 0) return new Uint8Array(0);
  if (
    !Number.isSafeInteger(offset) ||
    !Number.isSafeInteger(length) ||
    offset < 0 ||
    length < 0 ||
    offset + length > source.size
  ) {
    throw new ZipFormatError(
      `read of ${length} bytes at ${offset} is outside the file (${source.size} bytes)`,
    );
  }
  const bytes = await source.read(offset, length);
  if (bytes.length !== length)
    throw new ZipFormatError(
      `the file ended early: wanted ${length} bytes at ${offset}, got ${bytes.length}`,
    );
  return bytes;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function u64(dv: DataView, at: number, what: string): number {
  const v = dv.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError(`${what} is too large (${v})`);
  return Number(v);
}

interface EndRecord {
  entries: number;
  cdSize: number;
  cdOffset: number;
  /** Where the end records start: the directory must end before it. */
  endStart: number;
}

/** Finds the end of central directory record whose comment runs exactly to the end of file. */
async function readEndRecord(source: RandomAccessSource): Promise<EndRecord> {
  if (source.size < EOCD_LEN) throw new ZipFormatError('the file is too short to be a ZIP');
  const tailLen = Math.min(source.size, EOCD_LEN + U16);
  const tailStart = source.size - tailLen;
  const tail = await readExact(source, tailStart, tailLen);
  const dv = view(tail);
  for (let i = tailLen - EOCD_LEN; i >= 0; i--) {
    if (dv.getUint32(i, true) !== EOCD_SIG || i + EOCD_LEN + dv.getUint16(i + 20, true) !== tailLen)
      continue;
    const disk = dv.getUint16(i + 4, true);
    const cdDisk = dv.getUint16(i + 6, true);
    const onDisk = dv.getUint16(i + 8, true);
    const entries = dv.getUint16(i + 10, true);
    const end: EndRecord = {
      entries,
      cdSize: dv.getUint32(i + 12, true),
      cdOffset: dv.getUint32(i + 16, true),
      endStart: tailStart + i,
    };
    const zip64 = await readZip64End(source, tailStart + i);
    if (zip64) {
      // Each 32-bit field must be its "see ZIP64" marker or agree with the ZIP64 record, or
      // two readers could find two different directories.
      const agree = (v: number, max: number, v64: number): boolean => v === max || v === v64;
      if (
        !agree(entries, U16, zip64.entries) ||
        !agree(end.cdSize, U32, zip64.cdSize) ||
        !agree(end.cdOffset, U32, zip64.cdOffset)
      ) {
        throw new ZipFormatError(
          'the end of central directory record and its ZIP64 counterpart disagree',
        );
      }
      return zip64;
    }
    if (disk !== 0 || cdDisk !== 0 || onDisk !== entries)
      throw new ZipFormatError('split (multi-disk) archives are not supported');
    return end;
  }
  throw new ZipFormatError('no end of central directory record: not a ZIP, or truncated');
}

async function readZip64End(
  source: RandomAccessSource,
  eocdAt: number,
): Promise<EndRecord | undefined> {
  if (eocdAt < 20) return undefined;
  const loc = view(await readExact(source, eocdAt - 20, 20));
  if (loc.getUint32(0, true) !== ZIP64_LOCATOR_SIG) return undefined;
  if (loc.getUint32(4, true) !== 0 || loc.getUint32(16, true) !== 1)
    throw new ZipFormatError('split (multi-disk) ZIP64 archives are not supported');
  const at = u64(loc, 8, 'ZIP64 end record offset');
  if (at + 56 > eocdAt - 20) throw new ZipFormatError('the ZIP64 end record lies outside the file');
  const rec = view(await readExact(source, at, 56));
  if (rec.getUint32(0, true) !== ZIP64_EOCD_SIG)
    throw new ZipFormatError('bad ZIP64 end of central directory signature');
  if (rec.getUint32(16, true) !== 0 || rec.getUint32(20, true) !== 0)
    throw new ZipFormatError('split (multi-disk) archives are not supported');
  const onDisk = u64(rec, 24, 'ZIP64 entry count');
  const entries = u64(rec, 32, 'ZIP64 entry count');
  if (onDisk !== entries) throw new ZipFormatError('split (multi-disk) archives are not supported');
  return {
    entries,
    cdSize: u64(rec, 40, 'directory size'),
    cdOffset: u64(rec, 48, 'directory offset'),
    endStart: at,
  };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

function decodeName(bytes: Uint8Array): { name: string; ok: boolean } {
  try {
    return { name: utf8.decode(bytes), ok: true };
  } catch {
    return { name: lenient.decode(bytes), ok: false };
  }
}

/** Applies the ZIP64 extended information extra field (0x0001) to the 32-bit fields set to 0xFFFFFFFF. */
function applyZip64Extra(
  extra: Uint8Array,
  e: { compressedSize: number; uncompressedSize: number; localHeaderOffset: number },
  disk: number,
): void {
  const dv = view(extra);
  for (let p = 0; p + 4 <= extra.length;) {
    const id = dv.getUint16(p, true);
    const len = dv.getUint16(p + 2, true);
    if (p + 4 + len > extra.length) throw new ZipFormatError('an extra field runs past its record');
    if (id === 0x0001) {
      let q = p + 4;
      const next = (what: string): number => {
        if (q + 8 > p + 4 + len)
          throw new ZipFormatError(`the ZIP64 extra field lacks the ${what}`);
        const v = u64(dv, q, what);
        q += 8;
        return v;
      };
      if (e.uncompressedSize === U32) e.uncompressedSize = next('uncompressed size');
      if (e.compressedSize === U32) e.compressedSize = next('compressed size');
      if (e.localHeaderOffset === U32) e.localHeaderOffset = next('local header offset');
      if (disk === U16 && q + 4 > p + 4 + len)
        throw new ZipFormatError('the ZIP64 extra field lacks the disk number');
      return;
    }
    p += 4 + len;
  }
}

function parseRecords(cd: Uint8Array, count: number, cdOffset: number): ZipEntry[] {
  const dv = view(cd);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let index = 0; index < count; index++) {
    if (p + CDH_LEN > cd.length || dv.getUint32(p, true) !== CDH_SIG)
      throw new ZipFormatError(`central directory record ${index} is damaged`);
    const madeBy = dv.getUint16(p + 4, true) >> 8;
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const disk = dv.getUint16(p + 34, true);
    const external = dv.getUint32(p + 38, true);
    const end = p + CDH_LEN + nameLen + extraLen + commentLen;
    if (end > cd.length)
      throw new ZipFormatError(`central directory record ${index} runs past the directory`);
    const nameBytes = cd.slice(p + CDH_LEN, p + CDH_LEN + nameLen);
    const sizes = {
      compressedSize: dv.getUint32(p + 20, true),
      uncompressedSize: dv.getUint32(p + 24, true),
      localHeaderOffset: dv.getUint32(p + 42, true),
    };
    applyZip64Extra(
      cd.subarray(p + CDH_LEN + nameLen, p + CDH_LEN + nameLen + extraLen),
      sizes,
      disk,
    );
    if (disk !== 0 && disk !== U16)
      throw new ZipFormatError('split (multi-disk) archives are not supported');
    const { name, ok } = decodeName(nameBytes);
    // Unix hosts (3) keep the file type in the high 16 bits of the external attributes.
    const isSymlink = madeBy === 3 && ((external >>> 16) & S_IFMT) === S_IFLNK;
    entries.push({
      index,
      name,
      nameBytes,
      nameIsUtf8: ok,
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      crc32: dv.getUint32(p + 16, true),
      ...sizes,
      isDirectory: name.endsWith('/'),
      isSymlink,
      limit: cdOffset,
      sharesOffset: false,
    });
    p = end;
  }
  if (p !== cd.length)
    throw new ZipFormatError('the central directory size does not match its records');
  return entries;
}

/** Sets each entry's `limit` (start of the next entry, or of the directory) to detect overlaps. */
function setLimits(entries: ZipEntry[], cdOffset: number): void {
  const sorted = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!e) continue;
    const next = sorted[i + 1];
    const prev = sorted[i - 1];
    e.limit = next ? next.localHeaderOffset : cdOffset;
    e.sharesOffset =
      next?.localHeaderOffset === e.localHeaderOffset ||
      prev?.localHeaderOffset === e.localHeaderOffset;
  }
}

/** Reads and parses the central directory; throws ZipFormatError when the file is no usable ZIP. */
export async function readZipDirectory(
  source: RandomAccessSource,
  limits: ZipReadLimits,
): Promise<ZipDirectory> {
  const end = await readEndRecord(source);
  if (end.entries > limits.maxEntries)
    throw new ZipFormatError(
      `the archive declares ${end.entries} entries (at most ${limits.maxEntries} accepted)`,
    );
  if (end.cdSize > limits.maxCentralDirectoryBytes)
    throw new ZipFormatError(
      `the central directory is ${end.cdSize} bytes (at most ${limits.maxCentralDirectoryBytes} accepted)`,
    );
  if (end.cdOffset + end.cdSize > end.endStart)
    throw new ZipFormatError('the central directory lies outside the file');
  if (end.entries * CDH_LEN > end.cdSize)
    throw new ZipFormatError('the central directory is too small for its entry count');
  const cd = await readExact(source, end.cdOffset, end.cdSize);
  const entries = parseRecords(cd, end.entries, end.cdOffset);
  setLimits(entries, end.cdOffset);
  return { entries, centralDirectoryOffset: end.cdOffset };
}
