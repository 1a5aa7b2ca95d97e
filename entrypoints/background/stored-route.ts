/**
 * `/stored/<artifact id>`: the extension's service worker answers its own pages' requests for a
 * stored artifact with its bytes, streamed chunk by chunk, with HTTP Range support, so a
 * `<video>` in the library or in the offscreen document plays (and seeks in) the STORED file
 * without it ever being held in memory whole. A staged artifact (all its chunks written, its
 * item not yet saved: thumbnails are drawn then) is served too, when the caller gives its size
 * and type (`?size=&type=`) and its staging mark and chunk count agree. Web pages cannot reach
 * it: the path is not a web-accessible resource, so the browser refuses their requests first.
 */
import { chunksFor, parseRange } from '@/utils/media/range';
import { CHUNK_SIZE, readChunk, type EvidenceDb } from '@/utils/store';

export const STORED_PREFIX = '/stored/';

interface FetchEventLike extends Event {
  request: Request;
  respondWith(r: Promise<Response> | Response): void;
}

export function installStoredRoute(db: EvidenceDb): void {
  const origin = new URL(chrome.runtime.getURL('/')).origin;
  self.addEventListener('fetch', (event) => {
    const e = event as FetchEventLike;
    const url = new URL(e.request.url);
    if (url.origin !== origin || !url.pathname.startsWith(STORED_PREFIX)) return;
    e.respondWith(
      answer(db, decodeURIComponent(url.pathname.slice(STORED_PREFIX.length)), e.request),
    );
  });
}

interface Served {
  name: string;
  size: number;
  media_type: string;
}

/** The artifact, or a fully written staged one whose size the caller states. */
async function lookup(db: EvidenceDb, id: string, q: URLSearchParams): Promise<Served | null> {
  const rec = await db.artifacts.get(id);
  if (rec) return rec;
  const size = Number(q.get('size'));
  if (!(await db.staging.get(id)) || !Number.isSafeInteger(size) || size <= 0) return null;
  const chunks = await db.chunks
    .where('[artifact_id+index]')
    .between([id, 0], [id, Infinity])
    .count();
  if (chunks !== Math.ceil(size / CHUNK_SIZE)) return null;
  return { name: id, size, media_type: q.get('type') || 'application/octet-stream' };
}

async function answer(db: EvidenceDb, id: string, req: Request): Promise<Response> {
  const rec = await lookup(db, id, new URL(req.url).searchParams);
  if (!rec) return new Response('not found', { status: 404 });
  const range = parseRange(req.headers.get('range'), rec.size);
  if (range === 'unsatisfiable')
    return new Response(null, { status: 416, headers: { 'content-range': `bytes */${rec.size}` } });
  const r = range ?? { start: 0, end: rec.size - 1 };
  const parts = rec.size === 0 ? [] : chunksFor(r, CHUNK_SIZE);
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const p = parts[i++];
      if (!p) return controller.close();
      try {
        const data = await readChunk(db, id, p.index, Math.ceil(rec.size / CHUNK_SIZE), rec.name);
        controller.enqueue(new Uint8Array(data).subarray(p.from, p.to));
      } catch (e) {
        controller.error(e);
      }
    },
  });
  const headers: Record<string, string> = {
    'content-type': rec.media_type,
    'accept-ranges': 'bytes',
    'content-length': String(rec.size === 0 ? 0 : r.end - r.start + 1),
    'cache-control': 'no-store',
  };
  if (range) headers['content-range'] = `bytes ${r.start}-${r.end}/${rec.size}`;
  return new Response(body, { status: range ? 206 : 200, headers });
}
