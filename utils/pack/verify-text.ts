/**
 * VERIFY.txt: how a court expert checks the pack by hand with unzip, openssl 3 and sha256sum,
 * in English and Russian. The commands are the spec's, so no Protokol software is needed.
 */

/** What VERIFY.txt mentions about this pack. */
export interface VerifyTextInput {
  fileName: string;
  packId: string;
  createdAt: string;
  keyId: string;
  signerLabel?: string;
  items: Array<{ id: string; title: string }>;
  timestamped: boolean;
}

function commands(t: VerifyTextInput): string {
  const first = t.items[0]?.id ?? '<item-id>';
  const ts = t.timestamped
    ? '\nopenssl ts -verify -data manifest.json -in manifest.tsr -CAfile tsa-chain.pem   # when manifest.tsr is present\n'
    : '';
  return `unzip -q ${t.fileName} -d pack && cd pack
openssl pkeyutl -verify -pubin -inkey signer.pem -rawin -in manifest.json -sigfile manifest.sig
openssl pkey -pubin -in signer.pem -outform DER | sha256sum
sha256sum -c SHA256SUMS
${ts}
# custody chain of one item (repeat for every line n and every item):
sed -n '1p' items/${first}/custody.jsonl | tr -d '\\n' | sha256sum
tail -n 1 items/${first}/custody.jsonl | tr -d '\\n' | sha256sum`;
}

function english(t: VerifyTextInput): string {
  const label = t.signerLabel ? ` (${plainLine(t.signerLabel)})` : '';
  const ts = t.timestamped
    ? `5. Timestamp (when the pack holds manifest.tsr): "openssl ts -verify" must print "Verification: OK". It proves that
   manifest.json existed at the time printed by "openssl ts -reply -in manifest.tsr -text".
   tsa-chain.pem is shipped for convenience: check the authority's certificates independently.
`
    : '';
  return `HOW TO VERIFY THIS EVIDENCE PACK

Pack ${t.packId}, exported ${t.createdAt}.
Signing key id (SHA-256 of the public key): ${t.keyId}${label}
Format: protokol-pack version 1. You need unzip, OpenSSL 3 and sha256sum; no Protokol software.

${commands(t)}

1. Signature: the openssl pkeyutl command must print "Signature Verified Successfully".
   manifest.sig is an Ed25519 signature of the exact bytes of manifest.json.
2. Key: the SHA-256 printed for signer.pem must equal signer.key_id in manifest.json and the
   key id above. Compare it with the key id the exporting person gave you separately.
3. Files: "sha256sum -c SHA256SUMS" must print OK for every file. SHA256SUMS must list the same
   files with the same hashes as "files" in manifest.json, and the archive must hold no other
   file except manifest.json, manifest.sig, signer.pem, SHA256SUMS, manifest.tsr, tsa-chain.pem.
4. Custody log: items/<item-id>/custody.jsonl has one JSON object per line. Line 1 is the
   "captured" event with "prev" of 64 zeros. The "prev" of every later line is the SHA-256 of
   the line before it, without its newline (the sed command above, with 1 replaced by the line
   number). The SHA-256 of the last line (tail command) equals the item's "custody_head" in
   manifest.json. Every artifact's sha256 in manifest.json appears in some event's
   "data.artifacts". Any change to an earlier event breaks the chain.
${ts}
Windows: "certutil -hashfile FILE SHA256" prints the SHA-256 of a file.
`;
}

function russian(t: VerifyTextInput): string {
  const ts = t.timestamped
    ? `5. Метка времени (если в пакете есть manifest.tsr): "openssl ts -verify" должна вывести
   "Verification: OK". Это доказывает,
   что manifest.json существовал в момент, который показывает
   "openssl ts -reply -in manifest.tsr -text". tsa-chain.pem приложен для удобства:
   сертификаты службы времени следует проверить независимо.
`
    : '';
  return `КАК ПРОВЕРИТЬ ЭТОТ ПАКЕТ ДОКАЗАТЕЛЬСТВ

Пакет ${t.packId}, экспортирован ${t.createdAt}.
Идентификатор ключа подписи (SHA-256 открытого ключа): ${t.keyId}
Формат: protokol-pack, версия 1. Нужны unzip, OpenSSL 3 и sha256sum; программа Protokol не нужна.

${commands(t)}

1. Подпись: команда openssl pkeyutl должна вывести "Signature Verified Successfully".
   manifest.sig — подпись Ed25519 точных байтов файла manifest.json.
2. Ключ: SHA-256, выведенный для signer.pem, должен совпадать с signer.key_id в manifest.json
   и с идентификатором выше. Сверьте его с идентификатором, который экспортировавший
   сообщил вам отдельно.
3. Файлы: "sha256sum -c SHA256SUMS" должна вывести OK для каждого файла. SHA256SUMS должен
   перечислять те же файлы с теми же хешами, что и "files" в manifest.json, и в архиве не должно
   быть других файлов, кроме manifest.json, manifest.sig, signer.pem, SHA256SUMS, manifest.tsr,
   tsa-chain.pem.
4. Журнал хранения: items/<id>/custody.jsonl содержит по одному JSON-объекту в строке. Строка 1 —
   событие "captured" с "prev" из 64 нулей. "prev" каждой следующей строки — SHA-256 предыдущей
   строки без символа перевода строки (команда sed выше, 1 заменить номером строки). SHA-256
   последней строки (команда tail) равен "custody_head" этого объекта в manifest.json. Хеш каждого
   артефакта из manifest.json встречается в "data.artifacts" какого-либо события. Любое
   изменение более раннего события разрывает цепочку.
${ts}
Windows: "certutil -hashfile ФАЙЛ SHA256" выводит SHA-256 файла.
`;
}

/**
 * Page titles come from hostile pages: control characters (terminal escapes when someone runs
 * `cat VERIFY.txt`) and bidi overrides (text that reads differently) become spaces.
 */
export function plainLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ');
}

/** The text of VERIFY.txt. */
export function buildVerifyText(t: VerifyTextInput): string {
  const items = t.items.map((it) => `  items/${it.id}/  ${plainLine(it.title)}`).join('\n');
  return `${english(t)}
Items / Объекты:
${items}

${'='.repeat(72)}

${russian(t)}`;
}
