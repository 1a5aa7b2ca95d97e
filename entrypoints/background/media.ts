/**
 * Video and image capture in the background. The media finder (entrypoints/media.content/, on
 * demand) lists the page's media; for each one saved this gets the exact bytes where there is a
 * file (an http(s) URL: downloaded into the store; a blob: URL: read in the page and streamed
 * over a Port), records playback where there is only a stream (MSE, srcObject, or a download
 * refused), and otherwise keeps the URL, the poster and a picture of the element
 * (`poster_only`). One item per media, saved in one transaction after a job record, with a strip
 * of thumbnails drawn from the staged file itself.
 */
import { browser } from 'wxt/browser';
import { sendMessage } from '@/lib/messaging';
import {
  buildMediaCapture,
  methodOf,
  type DecodedThumbnails,
  type MediaBytes,
  type PosterInput,
} from '@/utils/media/build';
import {
  DEFAULT_RECORD_FOR,
  FoundMedia,
  MediaFound,
  MediaLocated,
  type MediaBatchResult,
  type MediaSaveResult,
  type RecordFor,
} from '@/utils/protocol-media';
import { saveCapture, type EvidenceDb } from '@/utils/store';
import { storeLocked } from './locked';
import { beginStagedArtifact, discardStaged, type StagedArtifact } from '@/utils/store/staging';
import { describeError, failJob, UserFacingError } from './jobs';
import { downloadToStore } from './media-download';
import { NotAFile, readFromPage } from './media-port';
import { drawThumbnails } from './thumbnails';
import { captureViewportPng } from './screenshot';
import { cropPng } from './crop';
import { reportProgress } from './media-progress';
import { injectOnce } from './inject-once';

/** Inject the media finder into a tab's top frame unless it runs there already. */
export const ensureMediaScript = injectOnce('/content-scripts/media.js', 'protokol.media');

/** The videos and images on a tab (null when the page cannot be read). */
export async function findMediaInTab(tabId: number): Promise<MediaFound | null> {
  try {
    await ensureMediaScript(tabId);
  } catch {
    return null;
  }
  const raw = await sendMessage('mediaFind', undefined, { tabId, frameId: 0 }).catch(() => null);
  const parsed = MediaFound.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Hide (or show again) the hover control in a tab, e.g. around a screenshot. Never throws. */
export async function setMediaControls(tabId: number, visible: boolean): Promise<void> {
  await sendMessage('mediaControls', { visible }, { tabId, frameId: 0 }).catch(() => undefined);
}

export interface SaveOptions {
  caseId: string | null;
  recordFor?: RecordFor;
  /** The page item these media were saved with (the batch CLI's `--media`). */
  pageItemId?: string;
}

/** Save several media of a tab one after another; each is saved or fails on its own. */
export function saveMediaList(
  db: EvidenceDb,
  tabId: number,
  refs: string[],
  o: SaveOptions,
): Promise<MediaBatchResult> {
  return saveFound(db, tabId, o, () => refs, { showQueued: true, countSkipped: true });
}

/** The batch CLI's `--media`: every video (and, for `all`, every image that is not tiny). */
export function capturePageMedia(
  db: EvidenceDb,
  tabId: number,
  mode: 'video' | 'all',
  o: SaveOptions,
): Promise<MediaBatchResult> {
  return saveFound(
    db,
    tabId,
    o,
    (found) => found.items.filter((m) => mode === 'all' || m.kind === 'video').map((m) => m.ref),
    { showQueued: false, countSkipped: mode === 'all' },
  );
}

/** Reads what the tab holds, then saves the media `pick` chooses, one after another. */
async function saveFound(
  db: EvidenceDb,
  tabId: number,
  o: SaveOptions,
  pick: (found: MediaFound) => string[],
  how: { showQueued: boolean; countSkipped: boolean },
): Promise<MediaBatchResult> {
  const found = await findMediaInTab(tabId);
  if (!found)
    return {
      results: [],
      found: 0,
      skipped_small: 0,
      error: { code: 'errPageScript', params: { detail: 'the page could not be read' } },
    };
  const refs = pick(found);
  if (how.showQueued) for (const ref of refs) reportProgress(tabId, ref, { state: 'queued' });
  const results: MediaSaveResult[] = [];
  for (const ref of refs) results.push(await saveOne(db, tabId, ref, found.page, o));
  return {
    results,
    found: found.items.length,
    skipped_small: how.countSkipped ? found.skipped_small : 0,
  };
}

async function describeNow(tabId: number, ref: string): Promise<FoundMedia | null> {
  const raw = await sendMessage('mediaDescribe', { ref }, { tabId, frameId: 0 }).catch(() => null);
  const parsed = FoundMedia.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Everything staged for one item. When the item cannot be saved, each is discarded (its chunks
 * and its staging mark), so nothing partial is kept; a worker stopped meanwhile leaves marks that
 * the start-up sweep removes.
 */
class Staged {
  private list: string[] = [];
  add(s: StagedArtifact) {
    this.list.push(s.artifact_id);
  }
  async discardAll(db: EvidenceDb) {
    for (const id of this.list) await discardStaged(db, id).catch(() => undefined);
  }
}

export async function saveOne(
  db: EvidenceDb,
  tabId: number,
  ref: string,
  page: MediaFound['page'],
  o: SaveOptions,
): Promise<MediaSaveResult> {
  // Locked: refused, not sealed. A video streams into the store chunk by chunk as it arrives
  // (it may be gigabytes); sealing it would mean decrypting and rewriting every byte at unlock,
  // and its thumbnails need the stored file. Pages and posts are sealed instead.
  if (await storeLocked(db)) {
    const error = { code: 'errMediaLocked' };
    reportProgress(tabId, ref, { state: 'failed', error });
    return { ok: false, ref, error };
  }
  const jobId = crypto.randomUUID();
  const staged = new Staged();
  const progress = (bytes: number, total?: number) =>
    reportProgress(tabId, ref, { state: 'saving', bytes, ...(total ? { total } : {}) });
  await db.jobs.put({
    id: jobId,
    url: page.url,
    tab_id: tabId,
    status: 'running',
    started_at: new Date().toISOString(),
  });
  reportProgress(tabId, ref, { state: 'saving' });
  try {
    const media = await describeNow(tabId, ref);
    if (!media) throw new UserFacingError({ code: 'errMediaGone' });
    await db.jobs.update(jobId, {
      url: media.src && /^https?:/i.test(media.src) ? media.src : page.url,
    });
    const notes: string[] = [];
    const bytes = await getBytes(db, tabId, media, page, {
      jobId,
      recordFor: o.recordFor ?? DEFAULT_RECORD_FOR,
      notes,
      progress,
      ref,
    });
    if (bytes.via !== 'none') staged.add(bytes.staged);
    const posters = await getPosters(db, tabId, media, page, bytes.via === 'none', notes, jobId);
    for (const p of posters) staged.add(p.staged);
    if (bytes.via === 'none' && posters.length === 0)
      throw new UserFacingError({ code: 'errMediaNoSource', params: { detail: bytes.why } });

    let thumbnails: DecodedThumbnails | undefined;
    if (media.kind === 'video' && bytes.via !== 'none') {
      reportProgress(tabId, ref, { state: 'thumbnails' });
      thumbnails = await drawThumbnails(bytes.staged, bytes.media_type);
    }
    const input = buildMediaCapture({
      media,
      page,
      bytes,
      posters,
      thumbnails,
      notes,
      caseId: o.caseId,
      pageItemId: o.pageItemId,
      extensionVersion: browser.runtime.getManifest().version,
      browserName: navigator.userAgent,
      capturedAt: new Date().toISOString(),
    });
    const item = await saveCapture(db, { ...input, job_id: jobId });
    const method = methodOf(bytes);
    if (thumbnails && !thumbnails.ok) notes.push(`no thumbnails: ${thumbnails.error}`);
    reportProgress(tabId, ref, { state: 'done', item_id: item.id, capture_method: method });
    return { ok: true, ref, item_id: item.id, capture_method: method, notes };
  } catch (e) {
    await staged.discardAll(db);
    const error = await failJob(db, jobId, e);
    reportProgress(tabId, ref, {
      state: 'failed',
      error: { code: error.code, ...(error.params ? { params: error.params } : {}) },
    });
    return {
      ok: false,
      ref,
      error: { code: error.code, ...(error.params ? { params: error.params } : {}) },
    };
  }
}

interface GetOptions {
  jobId: string;
  recordFor: RecordFor;
  notes: string[];
  progress: (bytes: number, total?: number) => void;
  ref: string;
}

async function getBytes(
  db: EvidenceDb,
  tabId: number,
  media: FoundMedia,
  page: MediaFound['page'],
  o: GetOptions,
): Promise<MediaBytes> {
  const fetched_at = new Date().toISOString();
  if (media.origin === 'http' && media.src) {
    try {
      const d = await downloadToStore(db, media.src, {
        jobId: o.jobId,
        onProgress: o.progress,
        referrer: page.url,
      });
      return {
        via: 'http',
        staged: d.staged,
        media_type: d.media_type,
        url: d.url,
        final_url: d.final_url,
        status: d.status,
        headers: d.headers,
        resumed: d.resumed,
        fetched_at,
      };
    } catch (e) {
      // An image has no playback to record; a video may still be recorded from the page,
      // unless the page cannot play it either (an empty or broken file).
      if (media.kind === 'image' || media.media_error) throw e;
      return record(db, tabId, media, o, `the download of ${media.src} failed (${userDetail(e)})`);
    }
  }
  if (media.origin === 'blob' && media.src) {
    try {
      const r = await readFromPage(
        db,
        tabId,
        { ref: o.ref, mode: 'blob' },
        { jobId: o.jobId, onProgress: o.progress },
      );
      return {
        via: 'blob',
        staged: r.staged,
        media_type: r.begin.type || media.type || 'application/octet-stream',
        url: media.src,
        fetched_at,
      };
    } catch (e) {
      if (!(e instanceof NotAFile) || media.kind === 'image') throw e;
      return record(
        db,
        tabId,
        media,
        o,
        'its blob: URL is a MediaSource (a streaming player), which holds no file to read',
      );
    }
  }
  if (media.origin === 'data' && media.src) return fromDataUrl(db, media.src, o.jobId, fetched_at);
  if (
    media.kind === 'video' &&
    (media.origin === 'media_source' || media.origin === 'src_object')
  ) {
    const why =
      media.origin === 'src_object'
        ? 'the video plays a stream set as srcObject, which has no URL or file'
        : 'its blob: URL is a MediaSource (a streaming player: HLS, DASH or similar), which holds no file to read';
    return record(db, tabId, media, o, why);
  }
  throw new UserFacingError({
    code: 'errMediaNoSource',
    params: { detail: 'nothing is loaded in this element' },
  });
}

/** Recordings in progress: how to stop each one, by tab and element. */
const recordings = new Map<string, () => void>();
const recordingKey = (tabId: number, ref: string) => `${tabId}:${ref}`;

/** Stop a recording now; what was recorded so far is kept. False when none is running. */
export function stopRecording(tabId: number, ref: string): boolean {
  const stop = recordings.get(recordingKey(tabId, ref));
  stop?.();
  return stop !== undefined;
}

/** Record playback; when that is refused too, fall back to the URL and pictures (`poster_only`). */
async function record(
  db: EvidenceDb,
  tabId: number,
  media: FoundMedia,
  o: GetOptions,
  why: string,
): Promise<MediaBytes> {
  reportProgress(tabId, o.ref, { state: 'recording' });
  const key = recordingKey(tabId, o.ref);
  try {
    const r = await readFromPage(
      db,
      tabId,
      { ref: o.ref, mode: 'record', recordFor: o.recordFor },
      {
        jobId: o.jobId,
        onStart: (stop) => recordings.set(key, stop),
        onProgress: (b) => reportProgress(tabId, o.ref, { state: 'recording', bytes: b }),
      },
    );
    return {
      via: 'recording',
      staged: r.staged,
      media_type: (r.begin.recorder?.mime_type || r.begin.type || 'video/webm').split(';')[0]!,
      recorder: r.begin.recorder!,
      requested: o.recordFor,
      recorded_s: r.end.recorded_s ?? 0,
      stopped: r.end.stopped ?? 'duration',
      end_time_s: r.end.end_time_s ?? null,
      started_at: r.started_at,
      why,
    };
  } catch (e) {
    if (e instanceof UserFacingError && e.userError.code === 'errMediaGone') throw e;
    return { via: 'none', why: `${why}; recording it from playback failed too (${userDetail(e)})` };
  } finally {
    recordings.delete(key);
  }
}

async function fromDataUrl(
  db: EvidenceDb,
  url: string,
  jobId: string,
  fetched_at: string,
): Promise<MediaBytes> {
  const res = await fetch(url);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength === 0) throw new UserFacingError({ code: 'errMediaEmpty' });
  const stager = await beginStagedArtifact(db, { jobId, expectedSize: bytes.byteLength });
  try {
    await stager.write(bytes);
    const staged = await stager.finish();
    return {
      via: 'blob',
      staged,
      media_type: res.headers.get('content-type') || 'application/octet-stream',
      url: `${url.slice(0, 60)}…`,
      fetched_at,
    };
  } catch (e) {
    await stager.abort();
    throw e;
  }
}

/** The poster image (downloaded), and for `poster_only` a crop of the viewport showing the element. */
async function getPosters(
  db: EvidenceDb,
  tabId: number,
  media: FoundMedia,
  page: MediaFound['page'],
  elementToo: boolean,
  notes: string[],
  jobId: string,
): Promise<PosterInput[]> {
  const out: PosterInput[] = [];
  if (media.kind === 'video' && media.poster && /^https?:/i.test(media.poster)) {
    try {
      const d = await downloadToStore(db, media.poster, { jobId, referrer: page.url });
      out.push({
        staged: d.staged,
        media_type: d.media_type,
        url: d.final_url,
        kind: 'poster',
        note: `poster.* is the video's poster image, downloaded again from ${d.final_url}`,
      });
    } catch (e) {
      notes.push(`the poster image ${media.poster} could not be downloaded: ${userDetail(e)}`);
    }
  }
  if (elementToo) {
    try {
      out.push(await elementPicture(db, tabId, media, jobId));
    } catch (e) {
      notes.push(`no picture of the element could be taken: ${userDetail(e)}`);
    }
  }
  return out;
}

/** A crop of a viewport screenshot to the element (the hover control hidden meanwhile). */
async function elementPicture(
  db: EvidenceDb,
  tabId: number,
  media: FoundMedia,
  jobId: string,
): Promise<PosterInput> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.active)
    throw new Error('the tab is not in front, so the element cannot be photographed');
  await setMediaControls(tabId, false);
  let shot: string;
  let loc: MediaLocated | null;
  try {
    const raw = await sendMessage('mediaLocate', { ref: media.ref }, { tabId, frameId: 0 }).catch(
      () => null,
    );
    loc = MediaLocated.safeParse(raw).data ?? null;
    if (!loc) throw new Error('the element is gone');
    shot = await captureViewportPng(tab.windowId);
  } finally {
    await setMediaControls(tabId, true);
  }
  const at = new Date().toISOString();
  const crop = await cropPng(shot, loc.rect, loc.viewport.width);
  const stager = await beginStagedArtifact(db, { jobId, expectedSize: crop.png.byteLength });
  let staged: StagedArtifact;
  try {
    await stager.write(crop.png);
    staged = await stager.finish();
  } catch (e) {
    await stager.abort();
    throw e;
  }
  return {
    staged,
    media_type: 'image/png',
    url: media.src ?? '',
    kind: 'element',
    note: `element-*.png is a crop of a screenshot of the visible viewport taken at ${at} (box ${crop.box.width}×${crop.box.height} px at ${crop.box.x},${crop.box.y}): what the page showed in the element's place${crop.notes.length ? `; ${crop.notes.join('; ')}` : ''}`,
  };
}

function userDetail(e: unknown): string {
  if (e instanceof UserFacingError) {
    const p = e.userError.params ?? {};
    return [e.userError.code, ...Object.values(p)].join(': ');
  }
  return describeError(e);
}
