/** The media messages: the popup's list and saves, and the page's hover control. */
import { browser } from 'wxt/browser';
import { onMessage } from '@/lib/messaging';
import {
  StopRecordingRequest,
  MediaTabRequest,
  SaveMediaFromPageRequest,
  SaveMediaRequest,
  type MediaSaveResult,
} from '@/utils/protocol-media';
import type { ProtocolMap } from '@/utils/protocol';
import type { EvidenceDb } from '@/utils/store';
import { ensureMediaScript, findMediaInTab, saveMediaList, stopRecording } from './media';
import { installProgressCleanup } from './media-progress';
import { fullPageDone } from './fullpage-phase';

export interface MediaWiring {
  db: EvidenceDb;
  privileged: (type: keyof ProtocolMap, sender: chrome.runtime.MessageSender) => void;
  recovered: Promise<unknown>;
}

export function registerMediaMessages({ db, privileged, recovered }: MediaWiring): void {
  installProgressCleanup();
  onMessage('findMedia', async ({ data, sender }) => {
    privileged('findMedia', sender);
    return findMediaInTab(MediaTabRequest.parse(data).tabId);
  });
  onMessage('saveMedia', async ({ data, sender }) => {
    privileged('saveMedia', sender);
    const req = SaveMediaRequest.parse(data);
    await recovered;
    await fullPageDone(req.tabId);
    return saveMediaList(db, req.tabId, req.refs, {
      caseId: req.caseId ?? null,
      recordFor: req.recordFor,
    });
  });
  onMessage('stopMediaRecording', async ({ data, sender }) => {
    privileged('stopMediaRecording', sender);
    const { tabId, ref } = StopRecordingRequest.parse(data);
    return stopRecording(tabId, ref);
  });
  onMessage('mediaWanted', async ({ sender }) => {
    // Page-scoped: the watcher may only ask for its own tab's top frame.
    if (sender.tab?.id === undefined || sender.frameId !== 0 || sender.id !== browser.runtime.id)
      return;
    await ensureMediaScript(sender.tab.id).catch(() => undefined);
  });
  onMessage('saveMediaFromPage', async ({ data, sender }): Promise<MediaSaveResult> => {
    // Page-scoped: only our content script in a tab's top frame, and only about that tab.
    const tabId = sender.tab?.id;
    const parsed = SaveMediaFromPageRequest.safeParse(data);
    if (
      tabId === undefined ||
      sender.frameId !== 0 ||
      sender.id !== browser.runtime.id ||
      !parsed.success
    )
      return { ok: false, ref: '', error: { code: 'errForbidden' } };
    await recovered;
    await fullPageDone(tabId);
    const res = await saveMediaList(db, tabId, [parsed.data.ref], { caseId: null });
    return (
      res.results[0] ?? {
        ok: false,
        ref: parsed.data.ref,
        error: res.error ?? { code: 'errMediaGone' },
      }
    );
  });
}
