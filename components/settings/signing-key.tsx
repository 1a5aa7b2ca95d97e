/** The profile's signing key: id and public key to publish, pseudonym, rotation, history. */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '@/components/i18n';
import { pageDb } from '@/components/tools-db';
import { formatDateTime } from '@/utils/i18n';
import { spkiToPem } from '@/utils/keys/signing';
import { getOrCreateSigningKey, keyLog, rotateSigningKey, setSignerLabel } from '@/utils/store';

export function SigningKeyCard() {
  const { t, locale } = useI18n();
  const db = pageDb();
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void getOrCreateSigningKey(db).then(() => setReady(true));
  }, [db]);
  const key = useLiveQuery(() => db.keys.where('active').equals(1).first(), [ready]);
  const log = useLiveQuery(() => keyLog(db), [ready]) ?? [];
  const [label, setLabel] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  if (!key) return null;
  const pem = spkiToPem(key.spki_der);
  const savePem = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([pem], { type: 'application/x-pem-file' }));
    a.download = `protokol-signer-${key.key_id.slice(0, 16)}.pem`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };
  return (
    <section className="card">
      <h2>{t('setKeyTitle')}</h2>
      <p className="note">{t('setKeyIntro')}</p>
      <p>
        {t('setKeyId')}: <code data-testid="key-id">{key.key_id}</code>{' '}
        <button
          onClick={() => void navigator.clipboard.writeText(key.key_id).then(() => setCopied(true))}
        >
          {copied ? t('setCopied') : t('setCopy')}
        </button>
      </p>
      <pre data-testid="public-key-pem">{pem}</pre>
      <button onClick={savePem}>{t('setSavePem')}</button>{' '}
      <button
        data-testid="rotate-key"
        onClick={() => {
          if (confirm(t('setRotateConfirm'))) void rotateSigningKey(db);
        }}
      >
        {t('setRotate')}
      </button>
      <p>
        <label>
          {t('setLabel')}
          <input
            type="text"
            value={label ?? key.label ?? ''}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={120}
          />
        </label>
        <button
          disabled={label === null}
          onClick={() => void setSignerLabel(db, label ?? '').then(() => setLabel(null))}
        >
          {t('setSave')}
        </button>
      </p>
      <h3>{t('setKeyHistory')}</h3>
      <ul data-testid="key-log">
        {log.map((l) => (
          <li key={l.seq}>
            {formatDateTime(locale, l.at)} — {l.action} <code>{l.key_id.slice(0, 16)}…</code>
            {l.previous_key_id ? (
              <>
                {' '}
                ← <code>{l.previous_key_id.slice(0, 16)}…</code>
              </>
            ) : null}
            {l.reason === 'not_exportable_at_encryption' ? (
              <span className="note"> — {t('setKeyRotatedEncrypted')}</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
