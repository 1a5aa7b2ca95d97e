/**
 * The popup's "Media on this page": every video (first) and image the finder saw, each with what
 * is known of it and a Save button; "Save all videos"; how long to record streams; per-item
 * progress and outcome, followed in storage.session so it survives closing the popup. The list
 * is virtualised: a page with hundreds of images stays responsive.
 */
import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/i18n';
import { sendMessage } from '@/lib/messaging';
import { requestSites } from '@/lib/host-access';
import { sitePattern } from '@/utils/host-access';
import { formatBytes, type MessageKey } from '@/utils/i18n';
import {
  DEFAULT_RECORD_FOR,
  mediaProgressKey,
  RECORD_CHOICES,
  type FoundMedia,
  type MediaFound,
  type MediaOutcome,
  type RecordFor,
} from '@/utils/protocol-media';

const ROW_HEIGHT = 62;
/** The most media saved by one press of a "Save all" button (each is a download and an item). */
export const BATCH_CAP = 100;

type Outcomes = Record<string, MediaOutcome>;

function useOutcomes(tabId: number): Outcomes {
  const [outcomes, setOutcomes] = useState<Outcomes>({});
  useEffect(() => {
    const key = mediaProgressKey(tabId);
    void browser.storage.session.get(key).then((r) => setOutcomes((r[key] as Outcomes) ?? {}));
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && key in changes)
        setOutcomes((changes[key]!.newValue as Outcomes) ?? {});
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [tabId]);
  return outcomes;
}

function duration(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.round(s % 60)).padStart(2, '0')}`;
}

export function MediaPanel({ tabId, caseId }: { tabId: number; caseId: string | null }) {
  const { t } = useI18n();
  const [found, setFound] = useState<MediaFound | null | undefined>(undefined);
  const [recordFor, setRecordFor] = useState<RecordFor>(DEFAULT_RECORD_FOR);
  const [capNote, setCapNote] = useState(false);
  const outcomes = useOutcomes(tabId);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void sendMessage('findMedia', { tabId })
      .catch(() => null)
      .then((f) => live && setFound(f));
    return () => {
      live = false;
    };
  }, [tabId]);

  const items = found?.items ?? [];
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // One summary line, the same height while looking and after: the list opens on a click, so the
  // popup's layout never shifts under the pointer (the panic button sits below).
  if (found === undefined)
    return (
      <details className="media" data-testid="media-panel-finding">
        <summary>
          {t('mediaTitle')}: {t('mediaFinding')}
        </summary>
      </details>
    );
  if (found === null) return null;
  const videos = items.filter((m) => m.kind === 'video');
  const images = items.filter((m) => m.kind === 'image');

  const save = (refs: string[]) => {
    const chosen = refs.slice(0, BATCH_CAP);
    // A file on another site than the page's needs access to that site (the click that opened
    // the popup covers the page's own site only): ask now, during the click, as the browser
    // requires. Sites already allowed are granted without a question. Refused, the save goes on
    // and the browser's refusal is what the outcome says.
    const pageSite = sitePattern(found.page.url);
    const others = items
      .filter((m) => chosen.includes(m.ref) && m.origin === 'http' && m.src)
      .map((m) => m.src!)
      .filter((src) => sitePattern(src) !== pageSite);
    const asked = others.length > 0 ? requestSites(others).catch(() => false) : null;
    setCapNote(refs.length > BATCH_CAP);
    void (asked ?? Promise.resolve(true))
      .then(() => sendMessage('saveMedia', { tabId, refs: chosen, caseId, recordFor }))
      .catch(() => undefined);
  };
  const busy = (ref: string) => {
    const s = outcomes[ref]?.state;
    return s === 'queued' || s === 'saving' || s === 'recording' || s === 'thumbnails';
  };
  const done = Object.values(outcomes).filter((o) => o.state === 'done').length;
  const failed = Object.values(outcomes).filter((o) => o.state === 'failed').length;

  return (
    <details className="media" data-testid="media-panel" data-count={items.length}>
      <summary data-testid="media-summary-line">
        {t('mediaTitle')}:{' '}
        {items.length === 0
          ? t('mediaNone')
          : t('mediaCount', { videos: videos.length, images: images.length })}
      </summary>
      {found.skipped_small > 0 && (
        <p className="note" data-testid="media-skipped">
          {t('mediaSkipped', { count: found.skipped_small, px: found.min_image_side })}
        </p>
      )}
      {videos.length > 0 && (
        <>
          <label className="note">
            {t('mediaRecordFor')}{' '}
            <select
              data-testid="media-record-for"
              value={String(recordFor)}
              onChange={(e) =>
                setRecordFor(e.target.value === 'end' ? 'end' : Number(e.target.value))
              }
              title={t('mediaRecordHelp')}
            >
              {RECORD_CHOICES.map((c) => (
                <option key={String(c)} value={String(c)}>
                  {c === 'end'
                    ? t('mediaRecordEnd')
                    : c >= 60
                      ? t('mediaMinutes', { n: c / 60 })
                      : t('mediaSeconds', { n: c })}
                </option>
              ))}
            </select>
          </label>
          <button data-testid="media-save-videos" onClick={() => save(videos.map((v) => v.ref))}>
            {t('mediaSaveAllVideos')}
          </button>
        </>
      )}
      {images.length > 1 && (
        <button data-testid="media-save-images" onClick={() => save(images.map((v) => v.ref))}>
          {t('mediaSaveAllImages', { count: images.length })}
        </button>
      )}
      {capNote && (
        <p className="note" data-testid="media-cap">
          {t('mediaBatchCap', { count: BATCH_CAP })}
        </p>
      )}
      {(done > 0 || failed > 0) && (
        <p className="note" data-testid="media-summary" data-done={done} data-failed={failed}>
          {t('mediaBatchDone', { saved: done, failed })}
        </p>
      )}
      {items.length > 0 && (
        <div className="media-list" ref={scrollRef} data-testid="media-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((row) => {
              const m = items[row.index]!;
              return (
                <MediaRow
                  key={m.ref}
                  media={m}
                  outcome={outcomes[m.ref]}
                  busy={busy(m.ref)}
                  top={row.start}
                  onSave={() => save([m.ref])}
                  onStop={() =>
                    void sendMessage('stopMediaRecording', { tabId, ref: m.ref }).catch(
                      () => undefined,
                    )
                  }
                />
              );
            })}
          </div>
        </div>
      )}
    </details>
  );
}

/** The last path segment of a URL, decoded when it decodes (a page may give malformed escapes). */
function fileNameOf(url: string): string {
  const last = url.split(/[?#]/)[0]!.split('/').pop() || url;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function MediaRow({
  media: m,
  outcome,
  busy,
  top,
  onSave,
  onStop,
}: {
  media: FoundMedia;
  outcome: MediaOutcome | undefined;
  busy: boolean;
  top: number;
  onSave: () => void;
  onStop: () => void;
}) {
  const { t, locale } = useI18n();
  const facts = [
    t(`mediaOrigin_${m.origin}` as MessageKey),
    m.width && m.height ? `${m.width}×${m.height}` : '',
    m.duration_s !== null ? duration(m.duration_s) : '',
    m.size ? formatBytes(locale, m.size) : '',
  ].filter(Boolean);
  const name = m.label || (m.src ? fileNameOf(m.src) : '—');
  return (
    <div
      className="media-row"
      style={{ position: 'absolute', top, left: 0, right: 0, height: ROW_HEIGHT }}
      data-testid="media-row"
      data-kind={m.kind}
      data-ref={m.ref}
      data-state={outcome?.state ?? 'idle'}
      data-item={outcome?.item_id ?? ''}
      data-method={outcome?.capture_method ?? ''}
      data-error={outcome?.error?.code ?? ''}
    >
      <div className="media-text">
        <div className="media-name" title={m.src ?? ''}>
          <strong>{m.kind === 'video' ? t('mediaVideo') : t('mediaImage')}</strong> {name}
        </div>
        <div className="note">{facts.join(' · ')}</div>
        <Status outcome={outcome} />
      </div>
      {outcome?.state === 'recording' ? (
        <button data-testid="media-stop" onClick={onStop} title={t('mediaStopTitle')}>
          {t('mediaStop')}
        </button>
      ) : (
        <button data-testid="media-save" disabled={busy} onClick={onSave}>
          {t('mediaSave')}
        </button>
      )}
    </div>
  );
}

function Status({ outcome: o }: { outcome: MediaOutcome | undefined }) {
  const { t, locale } = useI18n();
  if (!o) return null;
  const method = (m?: string) =>
    t(
      m === 'recording'
        ? 'mediaMethodRecording'
        : m === 'poster_only'
          ? 'mediaMethodPoster'
          : 'mediaMethodDownload',
    );
  const bytes = o.bytes
    ? ` ${formatBytes(locale, o.bytes)}${o.total ? ` / ${formatBytes(locale, o.total)}` : ''}`
    : '';
  switch (o.state) {
    case 'queued':
      return <div className="note">{t('mediaQueued')}</div>;
    case 'saving':
      return <div className="note">{t('mediaSaving') + bytes}</div>;
    case 'recording':
      return <div className="note">{t('mediaRecording') + bytes}</div>;
    case 'thumbnails':
      return <div className="note">{t('mediaThumbnails')}</div>;
    case 'done':
      return <div className="ok">{t('mediaDone', { method: method(o.capture_method) })}</div>;
    case 'failed':
      return (
        <div className="error" title={o.error?.params?.detail}>
          {t('mediaFailed', {
            error: o.error ? t(o.error.code as MessageKey, { ...o.error.params }) : '?',
          })}
        </div>
      );
  }
}
