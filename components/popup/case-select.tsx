/** Choose the case a new capture goes into. Reads cases straight from the store (extension origin). */
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '@/components/i18n';
import { popupDb } from './db';
import { listCases } from '@/utils/store';

export function CaseSelect({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useI18n();
  const cases = useLiveQuery(() => listCases(popupDb()), []) ?? [];
  if (cases.length === 0) return null;
  return (
    <label className="case">
      {t('popupCase')}{' '}
      <select
        data-testid="popup-case"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{t('popupNoCase')}</option>
        {cases.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  );
}
