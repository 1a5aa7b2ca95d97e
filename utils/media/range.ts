/**
 * HTTP Range requests over an artifact stored in fixed-size chunks: which bytes to send and which
 * chunks hold them. Pure, so the service worker's route (entrypoints/background/stored-route.ts)
 * stays thin and this is tested in Node.
 */
export interface ByteRange {
  start: number;
  /** Inclusive, as in Content-Range. */
  end: number;
}

/**
 * The single range a `Range: bytes=…` header asks for within `size` bytes; null for no header
 * (the whole file), 'unsatisfiable' for a range outside the file or a form we do not serve.
 */
export function parseRange(
  header: string | null,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  let start: number;
  let end: number;
  if (m[1] === '') {
    // Suffix: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The chunk indexes and offsets that cover a range. */
export function chunksFor(
  range: ByteRange,
  chunkSize: number,
): Array<{ index: number; from: number; to: number }> {
  const out: Array<{ index: number; from: number; to: number }> = [];
  for (let index = Math.floor(range.start / chunkSize); index * chunkSize <= range.end; index++) {
    const base = index * chunkSize;
    out.push({
      index,
      from: Math.max(0, range.start - base),
      to: Math.min(chunkSize, range.end - base + 1),
    });
  }
  return out;
}
