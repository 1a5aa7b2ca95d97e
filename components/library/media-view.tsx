/**
 * A saved video or image in the item view: the kept file itself, played from the store (the
 * service worker's `/stored/<artifact id>` route streams it chunk by chunk with Range support,
 * so a large video is never read into memory), how it was captured, and its thumbnails.
 *
 * Firefox has no service worker behind extension pages (its background is a page), so the route
 * does not exist there: a file up to MEMORY_PLAY_MAX is read from the store and played from a
 * blob: URL; a larger one is not played and the view says to save it from the list of files.
 */
import { useState } from 'react';
import { useI18n } from '@/components/i18n';
import type { ArtifactRef, Item } from '@/utils/schemas';
import type { MessageKey } from '@/utils/i18n';
import { useArtifactBytes, useBlobUrl } from './use-artifact';

const METHOD_LABEL: Record<string, MessageKey> = {
  download: 'mediaMethodDownload',
  recording: 'mediaMethodRecording',
  poster_only: 'mediaMethodPoster',
};

const NO_STORED_ROUTE = import.meta.env.BROWSER === 'firefox';
const MEMORY_PLAY_MAX = 256 * 1024 * 1024;

/** Where the player reads the kept file: the worker's route, or (Firefox) a blob: URL. */
function useMediaSrc(media: ArtifactRef | undefined): string | undefined {
  const inMemory = NO_STORED_ROUTE && media !== undefined && media.size <= MEMORY_PLAY_MAX;
  const loaded = useArtifactBytes(inMemory ? media.artifact_id : undefined);
  const blobUrl = useBlobUrl(
    loaded?.state === 'ready' ? loaded.value : undefined,
    media?.media_type ?? '',
  );
  if (!media) return undefined;
  if (!NO_STORED_ROUTE) return `/stored/${encodeURIComponent(media.artifact_id)}`;
  return inMemory ? blobUrl : undefined;
}

function Thumbnail({ artifact }: { artifact: ArtifactRef }) {
  const loaded = useArtifactBytes(artifact.artifact_id);
  const url = useBlobUrl(loaded?.state === 'ready' ? loaded.value : undefined, artifact.media_type);
  const name = artifact.path.split('/').pop() ?? '';
  return url ? (
    <img src={url} alt={name} title={name} data-testid="media-thumbnail" />
  ) : (
    <span className="thumb-placeholder" />
  );
}

export function MediaView({ item }: { item: Item }) {
  const { t } = useI18n();
  const [broken, setBroken] = useState(false);
  const media = item.artifacts.find((a) => a.role === 'media');
  const thumbs = item.artifacts.filter((a) => a.role === 'thumbnail');
  const method = typeof item.source.capture_method === 'string' ? item.source.capture_method : '';
  const src = useMediaSrc(media);
  const tooLarge = NO_STORED_ROUTE && media !== undefined && media.size > MEMORY_PLAY_MAX;
  return (
    <div className="media-view" data-testid="media-view">
      {method && (
        <p className="small">
          {t('libMediaMethod')}:{' '}
          <strong>{METHOD_LABEL[method] ? t(METHOD_LABEL[method]) : method}</strong>
        </p>
      )}
      {media && src && !broken && (
        <figure>
          <figcaption className="muted small">{t('libMediaPlayer')}</figcaption>
          {item.kind === 'video' ? (
            <video
              controls
              preload="metadata"
              src={src}
              data-testid="media-player"
              onError={() => setBroken(true)}
            />
          ) : (
            <img
              src={src}
              alt={item.title}
              data-testid="media-player"
              onError={() => setBroken(true)}
            />
          )}
        </figure>
      )}
      {(broken || tooLarge) && <p className="muted">{t('libMediaNoPlay')}</p>}
      {thumbs.length > 0 && (
        <figure>
          <figcaption className="muted small">{t('libThumbnails')}</figcaption>
          <div className="thumb-strip">
            {thumbs.map((a) => (
              <Thumbnail key={a.artifact_id} artifact={a} />
            ))}
          </div>
        </figure>
      )}
    </div>
  );
}
