/**
 * The local web server the e2e tests and the capture benchmark browse. Pages live in
 * e2e/pages; a few are made on the fly (a 30 MB page, a page whose second fetch hangs).
 * The browser reaches it as http://article.test:<port>/ through --host-resolver-rules,
 * so the page is not a loopback origin (a loopback origin would hide http-only bugs).
 * Generated media files (up to GBs, with servers that drop or refuse ranges) live under
 * `/media/` (e2e/media-server.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serveMedia, type MediaRequest } from './media-server';

export const PAGES_DIR = join(import.meta.dirname, 'pages');
export const HOST = 'article.test';

export interface TestServer {
  port: number;
  origin: string;
  url(path: string): string;
  /** How many times each path was requested. */
  hits: Map<string, number>;
  /** Extra pages served from memory: path → html. */
  extra: Map<string, string>;
  /** Requests for generated media, in order, with their Range and If-Range headers. */
  media: MediaRequest[];
  close(): Promise<void>;
}

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'";

export async function startServer(): Promise<TestServer> {
  const hits = new Map<string, number>();
  const extra = new Map<string, string>();
  const media: MediaRequest[] = [];
  let big: string | undefined;
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const send = (
      status: number,
      body: string | Buffer,
      type = 'text/html; charset=utf-8',
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (path.startsWith('/media/') && (await serveMedia(req, res, path, media))) return;
    if (path === '/big.html') {
      big ??= makeBigPage(30 * 1024 * 1024);
      return send(200, big);
    }
    if (path.startsWith('/hang-on-refetch/')) {
      // The first request (the browser loading the page) is answered; later ones (the extension
      // fetching it again "as served") hang, so a capture can be caught in the middle.
      if (n === 1) return send(200, await readFile(join(PAGES_DIR, 'en-objector.html')));
      return; // never answered
    }
    if (extra.has(path)) return send(200, extra.get(path)!);
    const file = normalize(join(PAGES_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(PAGES_DIR)) return send(403, 'forbidden', 'text/plain');
    try {
      const body = await readFile(file);
      const type = file.endsWith('.html')
        ? 'text/html; charset=utf-8'
        : file.endsWith('.png')
          ? 'image/png'
          : file.endsWith('.jpg')
            ? 'image/jpeg'
            : file.endsWith('.css')
              ? 'text/css'
              : 'application/octet-stream';
      const headers: Record<string, string> = path.split('/').pop()!.startsWith('csp')
        ? { 'content-security-policy': CSP }
        : {};
      return send(200, body, type, headers);
    } catch {
      return send(404, '<!doctype html><title>Not found</title><h1>Not found</h1>');
    }
  };
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  return {
    port,
    origin,
    url: (p) => `${origin}${p.startsWith('/') ? p : `/${p}`}`,
    hits,
    extra,
    media,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** An article of about `bytes` bytes of HTML: many paragraphs, like a huge live blog. */
export function makeBigPage(bytes: number): string {
  const para =
    '<p>Свидетели сообщают, что у выхода из метро сотрудники военкомата задержали нескольких мужчин призывного возраста и увезли их на автобусе. Witnesses say the men were taken to the enlistment office without a summons.</p>\n';
  const head =
    '<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Очень длинная хроника облав</title></head><body><article><h1>Очень длинная хроника облав</h1>\n';
  const n = Math.ceil((bytes - head.length) / Buffer.byteLength(para));
  return head + para.repeat(n) + '</article></body></html>';
}
