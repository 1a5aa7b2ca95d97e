/** The item's chain of custody as a table; live, so a tag or note shows up as it is saved. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getCustody, listCases } from '@/utils/store';
import { useI18n } from '@/components/i18n';
import { formatNumber } from '@/utils/i18n';
import { allCases, custodyOf, liveRead } from './live';
import { summariseCustodyLine } from './custody-summary';
import { abbreviateHash, formatShort } from './format';
import { actionLabel } from './labels';

/** Props of {@link CustodyTable}. */
export interface CustodyTableProps {
  itemId: string;
}

export function CustodyTable({ itemId }: CustodyTableProps) {
  const { t, locale } = useI18n();
  const records = useLiveQuery(
    liveRead(custodyOf(itemId), (db) => getCustody(db, itemId)),
    [itemId],
  );
  const cases = useLiveQuery(liveRead(allCases, listCases), [], []);
  const titles = useMemo(() => new Map(cases.map((c) => [c.id, c.title])), [cases]);
  if (!records) return <p className="muted">{t('libLoading')}</p>;
  return (
    <div className="table-wrap">
      <table className="custody">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('libCustodyTime')}</th>
            <th scope="col">{t('libCustodyAction')}</th>
            <th scope="col">{t('libCustodyDetails')}</th>
            <th scope="col">{t('libCustodyHash')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => {
            const label = actionLabel(r.action);
            return (
              <tr key={r.seq} data-testid="custody-row" data-action={r.action}>
                <td className="num">{formatNumber(locale, r.seq)}</td>
                <td className="nowrap">
                  <time dateTime={r.at} title={r.at}>
                    {formatShort(locale, r.at, { seconds: true })}
                  </time>
                </td>
                <td>
                  {label ? t(label) : r.action}
                  {label && <div className="muted mono small">{r.action}</div>}
                </td>
                <td className="details" dir="auto" title={r.line}>
                  {summariseCustodyLine(r.line, titles)}
                </td>
                <td>
                  <code className="hash" title={r.hash}>
                    {abbreviateHash(r.hash)}
                  </code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
