/**
 * The media capture test server: pages of e2e/pages/media and the media files they play, under two host
 * names on one port: `media.test` (the pages' own origin) and `cdn.test` (another origin, which
 * sends no CORS headers). Files are given by the test (a WebM made in the browser itself: there
 * is no ffmpeg here). Media answers honour single Range requests, as real servers do.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { PAGES_DIR } from './server';

export const MEDIA_HOST = 'media.test';
export const CDN_HOST = 'cdn.test';
const DIR = join(PAGES_DIR, 'media');

export interface MediaServer {
  port: number;
  /** `http://media.test:<port>` */
  origin: string;
  /** `http://cdn.test:<port>` */
  cdn: string;
  /** Files served from memory: path → bytes and type. */
  files: Map<string, { body: Buffer; type: string }>;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export async function startMediaServer(): Promise<MediaServer> {
  const files = new Map<string, { body: Buffer; type: string }>();
  const hits = new Map<string, number>();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    // Hotlink protection, as many media hosts have: only a request that comes with a Referer
    // from the page's site gets the file (the page's <video> does; the extension's download
    // does not, since browsers drop a referrer of another origin than the extension's).
    const guarded = /^\/guarded(\/.*)$/.exec(path);
    if (guarded) {
      if (!String(req.headers.referer ?? '').startsWith(`http://${MEDIA_HOST}:`))
        return void res.writeHead(403, { 'content-type': 'text/plain' }).end('hotlinking refused');
      const f = files.get(guarded[1]!);
      if (f) return sendRanged(req, res, f.body, f.type);
    }
    const file = files.get(path);
    if (file) return sendRanged(req, res, file.body, file.type);
    // /img/<n>.png: a page of many images (all the same small picture, each its own URL).
    const many = /^\/many\/(\d+)\.png$/.exec(path);
    if (many && files.has('/tile.png'))
      return sendRanged(req, res, files.get('/tile.png')!.body, 'image/png');
    const local = normalize(join(DIR, path));
    if (!local.startsWith(DIR)) return void res.writeHead(403).end();
    try {
      const body = await readFile(local);
      const type = local.endsWith('.html')
        ? 'text/html; charset=utf-8'
        : local.endsWith('.png')
          ? 'image/png'
          : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `http://${MEDIA_HOST}:${port}`,
    cdn: `http://${CDN_HOST}:${port}`,
    files,
    hits,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function sendRanged(req: IncomingMessage, res: ServerResponse, body: Buffer, type: string): void {
  const headers = {
    'content-type': type,
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'x-test-server': 'protokol-media',
  };
  const m = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (m && body.length > 0 && (m[1] || m[2])) {
    const start = m[1] ? Number(m[1]) : Math.max(0, body.length - Number(m[2]));
    const end = m[1] && m[2] ? Math.min(Number(m[2]), body.length - 1) : body.length - 1;
    if (start >= body.length) {
      res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` });
      return void res.end();
    }
    res.writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${body.length}`,
      'content-length': end - start + 1,
    });
    return void res.end(body.subarray(start, end + 1));
  }
  res.writeHead(200, { ...headers, 'content-length': body.length });
  res.end(body);
}
