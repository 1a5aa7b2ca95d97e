/** Opt-in RFC 3161 timestamps: what a request reveals, and which authorities to ask. */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n';
import { pageDb } from '@/components/tools-db';
import { getSettings, updateSettings } from '@/utils/store';

export function TimestampsCard() {
  const { t } = useI18n();
  const db = pageDb();
  const [enabled, setEnabled] = useState(false);
  const [urls, setUrls] = useState('');
  const [chain, setChain] = useState('');
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void getSettings(db).then((s) => {
      setEnabled(s.tsa_enabled);
      setUrls(s.tsa_urls.join('\n'));
      setChain(s.tsa_chain_pem);
    });
  }, [db]);
  const save = async () => {
    const list = urls
      .split('\n')
      .map((u) => u.trim())
      .filter(Boolean);
    const bad = list.find((u) => !/^https?:\/\/[^\s]+$/i.test(u) || !URL.canParse(u));
    if (bad) return setMsg({ ok: false, text: t('setInvalidUrl', { url: bad }) });
    await updateSettings(db, {
      tsa_enabled: enabled && list.length > 0,
      tsa_urls: list,
      tsa_chain_pem: chain.trim() ? `${chain.trim()}\n` : '',
    });
    setMsg({ ok: true, text: t('setSaved') });
  };
  return (
    <section className="card">
      <h2>{t('setTsaTitle')}</h2>
      <p className="note">{t('setTsaIntro')}</p>
      <label>
        <input
          type="checkbox"
          data-testid="tsa-enabled"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />{' '}
        {t('setTsaEnable')}
      </label>
      <label>
        <div>{t('setTsaUrls')}</div>
        <textarea
          data-testid="tsa-urls"
          rows={3}
          value={urls}
          onChange={(e) => setUrls(e.target.value)}
          placeholder="https://freetsa.org/tsr"
        />
      </label>
      <label>
        <div>{t('setTsaChain')}</div>
        <textarea
          data-testid="tsa-chain"
          rows={4}
          value={chain}
          onChange={(e) => setChain(e.target.value)}
          placeholder="-----BEGIN CERTIFICATE-----"
        />
      </label>
      <button data-testid="tsa-save" onClick={() => void save()}>
        {t('setSave')}
      </button>{' '}
      {msg && (
        <span className={msg.ok ? 'ok' : 'bad'} role="status">
          {msg.text}
        </span>
      )}
    </section>
  );
}
