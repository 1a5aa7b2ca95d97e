/** What automatic detection found: likely violation categories and extracted entities. */
import { useI18n } from '@/components/i18n';
import { formatPercent } from '@/utils/i18n';
import type { Detection } from '@/utils/schemas';
import { CATEGORY_LABEL } from './labels';

/** Props of {@link DetectionSummary}. */
export interface DetectionSummaryProps {
  detection: Detection;
}

export function DetectionSummary({ detection }: DetectionSummaryProps) {
  const { t, locale } = useI18n();
  const pct = (x: number) => formatPercent(locale, x);
  const categories = [...detection.categories].sort((a, b) => b.score - a.score);
  return (
    <div className="detection">
      <p>
        {t('libDetectionScore', { score: pct(detection.score) })}{' '}
        <span className="muted small">{t('libDetectionCaveat')}</span>
      </p>
      {categories.length > 0 && (
        <ul className="chips" aria-label={t('libDetectionCategories')}>
          {categories.map((c) => (
            <li key={c.id} className="tag category">
              {t(CATEGORY_LABEL[c.id])} · {pct(c.score)}
            </li>
          ))}
        </ul>
      )}
      {detection.entities.length > 0 && (
        <ul className="entities" aria-label={t('libDetectionEntities')}>
          {detection.entities.slice(0, 30).map((e, i) => (
            <li key={`${e.type}-${e.value}-${i}`}>
              <span className="muted small">{e.type}</span> <span dir="auto">{e.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
