/**
 * Looking at what was captured: the article text, the screenshot, the HTML snapshot.
 * Everything is rendered inertly: text as React text, the snapshot in a sandboxed frame
 * with no scripts, no same-origin access and no network (see snapshot-html).
 */
import { useMemo, useState } from 'react';
import { useI18n } from '@/components/i18n';
import type { ArtifactRef, Item } from '@/utils/schemas';
import type { MessageKey } from '@/utils/i18n';
import { confineSnapshot } from './snapshot-html';
import { useArtifactBytes, useBlobUrl, type Loaded } from './use-artifact';

type View = 'text' | 'screenshot' | 'snapshot';
const VIEW_LABEL: Record<View, MessageKey> = {
  text: 'libViewText',
  screenshot: 'libViewScreenshot',
  snapshot: 'libViewSnapshot',
};

function find(item: Item, roles: ArtifactRef['role'][]): ArtifactRef | undefined {
  for (const r of roles) {
    const a = item.artifacts.find((x) => x.role === r);
    if (a) return a;
  }
  return undefined;
}

function LoadState({ loaded }: { loaded: Loaded<unknown> | undefined }) {
  const { t } = useI18n();
  if (loaded?.state === 'error')
    return (
      <p role="alert" className="error">
        {t('libLoadFailed', { detail: loaded.message })}
      </p>
    );
  return <p className="muted">{t('libLoading')}</p>;
}

function TextView({ item, artifact }: { item: Item; artifact: ArtifactRef | undefined }) {
  const { t } = useI18n();
  const loaded = useArtifactBytes(artifact?.artifact_id);
  // Prefer the stored article text (complete); the item's text may be cut for search.
  const text = useMemo(
    () => (loaded?.state === 'ready' ? new TextDecoder().decode(loaded.value) : undefined),
    [loaded],
  );
  if (artifact && text === undefined) return <LoadState loaded={loaded} />;
  const shown = text ?? item.text;
  if (!shown.trim()) return <p className="muted">{t('libNoText')}</p>;
  return (
    <div
      className="article-text"
      dir="auto"
      lang={typeof item.source.lang === 'string' ? item.source.lang : undefined}
    >
      {shown}
    </div>
  );
}

function ScreenshotView({ artifact, alt }: { artifact: ArtifactRef; alt: string }) {
  const loaded = useArtifactBytes(artifact.artifact_id);
  const url = useBlobUrl(loaded?.state === 'ready' ? loaded.value : undefined, artifact.media_type);
  if (!url) return <LoadState loaded={loaded} />;
  return (
    <div className="screenshot">
      <img src={url} alt={alt} />
    </div>
  );
}

function SnapshotView({ artifact, title }: { artifact: ArtifactRef; title: string }) {
  const { t } = useI18n();
  const loaded = useArtifactBytes(artifact.artifact_id);
  const html = useMemo(
    () =>
      loaded?.state === 'ready'
        ? confineSnapshot(new TextDecoder().decode(loaded.value))
        : undefined,
    [loaded],
  );
  if (html === undefined) return <LoadState loaded={loaded} />;
  return (
    <>
      <p className="muted small">{t('libSnapshotNote')}</p>
      {/* sandbox="" : no scripts, no same-origin, no forms, no popups, no top navigation. */}
      <iframe
        className="snapshot"
        sandbox=""
        srcDoc={html}
        title={title}
        referrerPolicy="no-referrer"
      />
    </>
  );
}

/** Props of {@link ArtifactViews}. */
export interface ArtifactViewsProps {
  item: Item;
}

/** Tabs for the item's readable views; only the tabs the item has artifacts for are shown. */
export function ArtifactViews({ item }: ArtifactViewsProps) {
  const { t } = useI18n();
  const textArtifact = find(item, ['article_text']);
  const shot = find(item, ['screenshot_full', 'screenshot', 'thumbnail']);
  const snapshot = find(item, ['html_snapshot', 'article_html']);
  const views: View[] = [
    'text',
    ...(shot ? (['screenshot'] as const) : []),
    ...(snapshot ? (['snapshot'] as const) : []),
  ];
  const [chosen, setView] = useState<View>('text');
  const view = views.includes(chosen) ? chosen : 'text';
  return (
    <div className="views">
      <div role="tablist" aria-label={t('libViewsLabel')} className="tabs">
        {views.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            id={`tab-${v}`}
            aria-selected={v === view}
            aria-controls="view-panel"
            data-testid={`view-tab-${v}`}
            className={v === view ? 'tab current' : 'tab'}
            onClick={() => setView(v)}
          >
            {t(VIEW_LABEL[v])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="view-panel" aria-labelledby={`tab-${view}`} className="view-panel">
        {view === 'text' && <TextView item={item} artifact={textArtifact} />}
        {view === 'screenshot' && shot && (
          <ScreenshotView artifact={shot} alt={t('libScreenshotAlt', { title: item.title })} />
        )}
        {view === 'snapshot' && snapshot && (
          <SnapshotView
            artifact={snapshot}
            title={t('libSnapshotFrameTitle', { title: item.title })}
          />
        )}
      </div>
    </div>
  );
}
