/**
 * Generated media files for the e2e tests and the media benchmark, served by e2e/server.ts under
 * `/media/<mode>/<size>/<name>`: bytes from a deterministic generator (AES-128-CTR keystream of
 * a fixed key: fast, incompressible, and readable from any offset), so a 1 GB file needs no disk
 * and its SHA-256 can be computed beside the test. Modes are the servers a capture meets:
 *
 * - `ranges`: honours `Range` (206 with Content-Range) and `If-Range`;
 * - `norange`: ignores `Range` and always sends the whole file (200);
 * - `drop`: drops the connection half-way through the first response, then honours ranges;
 * - `drop-norange`: drops half-way, then refuses ranges (200 with the whole file again);
 * - `drop-always`: every response drops 1 MiB after it starts (ranges honoured);
 * - `drop-reconnect`: drops half-way, cuts the next connection before any answer, then
 *   honours ranges;
 * - `chunked`: no Content-Length (chunked transfer encoding);
 * - `hang`: sends half the file, then nothing more, never closing (a stalled server).
 */
import { createCipheriv, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const KEY = Buffer.from('protokol-e2e-key'); // 16 bytes
const PIECE = 1 << 20;
/** The file's validators, fixed so If-Range can be checked. */
const LAST_MODIFIED = 'Tue, 24 Nov 2026 10:00:00 GMT';
const etagOf = (size: number) => `"gen-${size}"`;

export type MediaMode =
  | 'ranges'
  | 'norange'
  | 'drop'
  | 'drop-norange'
  | 'drop-always'
  | 'drop-reconnect'
  | 'chunked'
  | 'hang';
const MODES = new Set<string>([
  'ranges',
  'norange',
  'drop',
  'drop-norange',
  'drop-always',
  'drop-reconnect',
  'chunked',
  'hang',
]);

/** The path of a generated file. */
export function mediaPath(mode: MediaMode, size: number, name = 'video.mp4'): string {
  return `/media/${mode}/${size}/${name}`;
}

/** Bytes [offset, offset + length) of the generated file, in pieces of up to 1 MiB. */
export function* generated(offset: number, length: number): Generator<Buffer> {
  const block = Math.floor(offset / 16);
  const iv = Buffer.alloc(16);
  iv.writeBigUInt64BE(BigInt(block), 8);
  const cipher = createCipheriv('aes-128-ctr', KEY, iv);
  const zeros = Buffer.alloc(PIECE + 16);
  let skip = offset - block * 16;
  for (let left = length; left > 0;) {
    const n = Math.min(PIECE, left);
    const out = cipher.update(zeros.subarray(0, n + skip)).subarray(skip);
    skip = 0;
    left -= n;
    yield out;
  }
}

/** SHA-256 (hex) of the generated file of `size` bytes, as the server sends it. */
export function expectedSha256(size: number): string {
  const h = createHash('sha256');
  for (const piece of generated(0, size)) h.update(piece);
  return h.digest('hex');
}

/** One request as the media server saw it (tests check how a download was resumed). */
export interface MediaRequest {
  path: string;
  range?: string;
  ifRange?: string;
}

/** Answers `/media/...`; returns false for other paths. */
export async function serveMedia(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  log: MediaRequest[],
): Promise<boolean> {
  const m = /^\/media\/([a-z-]+)\/(\d+)\/[\w.-]+$/.exec(path);
  if (!m || !MODES.has(m[1]!)) return false;
  const mode = m[1] as MediaMode;
  const size = Number(m[2]);
  const range = req.headers.range;
  const rawIfRange = req.headers['if-range'];
  const ifRange = typeof rawIfRange === 'string' ? rawIfRange : undefined;
  log.push({ path, range, ifRange });
  const nth = log.filter((r) => r.path === path).length;
  const first = nth === 1;
  if (mode === 'drop-reconnect' && nth === 2) {
    res.socket?.destroy(); // the reconnection fails before any answer
    return true;
  }

  const base: Record<string, string> = {
    'content-type': 'video/mp4',
    'cache-control': 'no-store',
    etag: etagOf(size),
    'last-modified': LAST_MODIFIED,
  };
  const honours = ['ranges', 'drop', 'drop-always', 'drop-reconnect'].includes(mode);
  if (honours) base['accept-ranges'] = 'bytes';
  let start = 0;
  let status = 200;
  const r = /^bytes=(\d+)-$/.exec(range ?? '');
  const validatorOk =
    ifRange === undefined || ifRange === etagOf(size) || ifRange === LAST_MODIFIED;
  if (honours && r && validatorOk) {
    start = Number(r[1]);
    if (start >= size) {
      res.writeHead(416, { ...base, 'content-range': `bytes */${size}` });
      res.end();
      return true;
    }
    status = 206;
    base['content-range'] = `bytes ${start}-${size - 1}/${size}`;
  }
  const length = size - start;
  if (mode !== 'chunked') base['content-length'] = String(length);
  res.writeHead(status, base);

  let dropAfter = Infinity;
  if ((mode === 'drop' || mode === 'drop-norange' || mode === 'drop-reconnect') && first)
    dropAfter = Math.floor(size / 2);
  if (mode === 'drop-always') dropAfter = PIECE;
  if (mode === 'hang') dropAfter = Math.floor(size / 2);
  let sent = 0;
  for (const piece of generated(start, length)) {
    if (sent + piece.length > dropAfter) {
      const part = piece.subarray(0, dropAfter - sent);
      await write(res, part);
      if (mode === 'hang') return true; // never ends: the client must give up on its own
      // Let the bytes reach the client before the connection is cut.
      await new Promise((ok) => setTimeout(ok, 50));
      res.socket?.destroy();
      return true;
    }
    if (!(await write(res, piece))) return true;
    sent += piece.length;
  }
  res.end();
  return true;
}

/** Writes with backpressure; false when the client went away. */
function write(res: ServerResponse, data: Buffer): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(data)) return Promise.resolve(true);
  return new Promise((ok) => {
    const done = (v: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      ok(v);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
