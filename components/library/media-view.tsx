/**
 * A saved video or image in the item view: the kept file itself, played from the store (the
 * service worker's `/stored/<artifact id>` route streams it chunk by chunk with Range support,
 * so a large video is never read into memory), how it was captured, and its thumbnails.
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
  const src = media ? `/stored/${encodeURIComponent(media.artifact_id)}` : undefined;
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
      {broken && <p className="muted">{t('libMediaNoPlay')}</p>}
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
