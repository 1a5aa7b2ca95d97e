/**
 * The background end of the media Port (see entrypoints/media.content/port.ts): asks the page
 * for a blob's bytes or a recording, writes each piece into a stager as it comes, and acks it,
 * so at most a few pieces are ever in flight. Stages nothing on failure.
 */
import { browser } from 'wxt/browser';
import { base64ToBytes } from '@/utils/media/base64';
import {
  MEDIA_PORT,
  MediaPortMessage,
  type MediaPortControl,
  type MediaPortStart,
} from '@/utils/protocol-media';
import type { EvidenceDb } from '@/utils/store';
import {
  beginStagedArtifact,
  type ArtifactStager,
  type StagedArtifact,
} from '@/utils/store/staging';
import { UserFacingError } from './jobs';

type Begin = Extract<MediaPortMessage, { t: 'begin' }>;
type End = Extract<MediaPortMessage, { t: 'end' }>;

export interface PortRead {
  staged: StagedArtifact;
  begin: Begin;
  end: End;
  started_at: string;
}

/** The page said its blob: URL is a MediaSource, not a file: record instead. */
export class NotAFile extends Error {}

export function readFromPage(
  db: EvidenceDb,
  tabId: number,
  start: MediaPortStart,
  opts: {
    jobId?: string;
    onProgress?: (bytes: number, total?: number) => void;
    /** Receives a function that asks the page to stop now (a recording ends and is kept). */
    onStart?: (stop: () => void) => void;
  },
): Promise<PortRead> {
  return new Promise<PortRead>((resolve, reject) => {
    const port = browser.tabs.connect(tabId, { name: MEDIA_PORT, frameId: 0 });
    opts.onStart?.(() => {
      if (!settled) port.postMessage({ t: 'stop' } satisfies MediaPortControl);
    });
    const started_at = new Date().toISOString();
    let stager: ArtifactStager | undefined;
    let begin: Begin | undefined;
    let settled = false;
    // Messages are handled strictly in order: each waits for the one before it.
    let chain: Promise<void> = Promise.resolve();

    const fail = (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      if (settled) return;
      settled = true;
      try {
        port.disconnect();
      } catch {
        // already gone
      }
      void (stager?.abort() ?? Promise.resolve()).finally(() => reject(err));
    };

    const handle = async (raw: unknown) => {
      if (settled) return;
      const parsed = MediaPortMessage.safeParse(raw);
      if (!parsed.success)
        throw new Error(`unexpected message from the page: ${parsed.error.message}`);
      const m = parsed.data;
      if (m.t === 'error') {
        if (m.code === 'media_source') throw new NotAFile(m.detail);
        const known = ['errMediaGone', 'errMediaRecord', 'errMediaNotPlaying', 'errMediaRead'];
        throw new UserFacingError({
          code: (known.includes(m.code) ? m.code : 'errMediaRead') as 'errMediaRead',
          params: { detail: m.detail },
        });
      }
      if (m.t === 'begin') {
        begin = m;
        stager = await beginStagedArtifact(db, {
          jobId: opts.jobId,
          ...(m.size !== null ? { expectedSize: m.size } : {}),
        });
        return;
      }
      if (!stager || !begin) throw new Error('the page sent bytes before saying what they are');
      if (m.t === 'piece') {
        await stager.write(base64ToBytes(m.b64));
        opts.onProgress?.(stager.bytesWritten, begin.size ?? undefined);
        port.postMessage({ t: 'ack', seq: m.seq } satisfies MediaPortControl);
        return;
      }
      // end
      if (stager.bytesWritten === 0) throw new UserFacingError({ code: 'errMediaEmpty' });
      if (begin.size !== null && stager.bytesWritten !== begin.size) {
        throw new UserFacingError({
          code: 'errMediaRead',
          params: { detail: `${stager.bytesWritten} of ${begin.size} bytes arrived` },
        });
      }
      const staged = await stager.finish();
      settled = true;
      port.disconnect();
      resolve({ staged, begin, end: m, started_at });
    };

    port.onMessage.addListener((raw: unknown) => {
      chain = chain.then(() => handle(raw)).catch(fail);
    });
    port.onDisconnect.addListener(() => {
      chain = chain.then(() =>
        fail(
          new UserFacingError({
            code: 'errMediaRead',
            params: { detail: 'the page was closed or reloaded while its media was being read' },
          }),
        ),
      );
    });
    port.postMessage(start);
  });
}
