import type { Locale } from '@/utils/i18n';
import type { CheckId } from '@/utils/pack';

/** Names of the spec's verification steps, per interface language. */
export const CHECK_LABELS: Record<Locale, Record<CheckId, string>> = {
  en: {
    zip: 'ZIP structure',
    'entry-names': '1. Entry names',
    manifest: '2. manifest.json',
    signature: '3. Signature',
    'key-id': '3. Key id',
    files: '4. Files and hashes',
    sha256sums: '4. SHA256SUMS',
    item: '5. Items',
    custody: '5. Custody logs',
    timestamp: '6. Timestamp',
  },
  ru: {
    zip: 'Структура ZIP',
    'entry-names': '1. Имена файлов',
    manifest: '2. manifest.json',
    signature: '3. Подпись',
    'key-id': '3. Идентификатор ключа',
    files: '4. Файлы и хеши',
    sha256sums: '4. SHA256SUMS',
    item: '5. Материалы',
    custody: '5. Журналы хранения',
    timestamp: '6. Метка времени',
  },
  uk: {
    zip: 'Структура ZIP',
    'entry-names': '1. Імена файлів',
    manifest: '2. manifest.json',
    signature: '3. Підпис',
    'key-id': '3. Ідентифікатор ключа',
    files: '4. Файли та хеші',
    sha256sums: '4. SHA256SUMS',
    item: '5. Матеріали',
    custody: '5. Журнали зберігання',
    timestamp: '6. Мітка часу',
  },
};
