/** The item's artifacts: what each file is, its size, type and SHA-256, with copy and download. */
import { useI18n } from '@/components/i18n';
import { CopyButton } from '@/components/ui/copy-button';
import { useAsyncAction } from '@/components/ui/use-async-action';
import { formatBytes } from '@/utils/i18n';
import type { ArtifactRef } from '@/utils/schemas';
import { ROLE_LABEL } from './labels';
import { downloadArtifact, fileName } from './use-artifact';

/** Props of {@link ArtifactList}. */
export interface ArtifactListProps {
  itemId: string;
  artifacts: ArtifactRef[];
}

function ArtifactRow({ itemId, artifact: a }: { itemId: string; artifact: ArtifactRef }) {
  const { t, locale } = useI18n();
  const download = useAsyncAction(() => downloadArtifact(a, itemId));
  return (
    <tr data-testid="artifact-row" data-role={a.role}>
      <td>
        <div>{t(ROLE_LABEL[a.role])}</div>
        <div className="muted mono small">{fileName(a)}</div>
      </td>
      <td className="nowrap">{formatBytes(locale, a.size)}</td>
      <td className="mono small">{a.media_type}</td>
      <td>
        <code className="hash" data-testid="artifact-sha256">
          {a.sha256}
        </code>
      </td>
      <td className="nowrap">
        <CopyButton
          text={a.sha256}
          label={t('libCopy')}
          doneLabel={t('libCopied')}
          ariaLabel={t('libCopyHashOf', { name: fileName(a) })}
        />{' '}
        <button
          type="button"
          className="small-button"
          disabled={download.busy}
          aria-label={t('libDownloadFile', { name: fileName(a) })}
          onClick={() => void download.run()}
        >
          {t('libDownload')}
        </button>
        {download.error && (
          <div role="alert" className="error small">
            {download.error}
          </div>
        )}
      </td>
    </tr>
  );
}

export function ArtifactList({ itemId, artifacts }: ArtifactListProps) {
  const { t } = useI18n();
  if (artifacts.length === 0) return <p className="muted">{t('libNoArtifacts')}</p>;
  return (
    <div className="table-wrap">
      <table className="artifacts">
        <thead>
          <tr>
            <th scope="col">{t('libArtifactRole')}</th>
            <th scope="col">{t('libArtifactSize')}</th>
            <th scope="col">{t('libArtifactType')}</th>
            <th scope="col">SHA-256</th>
            <th scope="col">
              <span className="visually-hidden">{t('libArtifactActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {artifacts.map((a) => (
            <ArtifactRow key={a.artifact_id} itemId={itemId} artifact={a} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
