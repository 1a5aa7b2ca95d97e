/** `--passphrase-file FILE`: the store's passphrase, read from the first line of a file. */
import { readFileSync } from 'node:fs';

/**
 * The first line of `path`, its line ending (`\n` or `\r\n`) stripped and nothing else (spaces
 * are part of a passphrase). An unreadable file, an empty first line or a file that is not
 * UTF-8 text gives an error to show.
 */
export function readPassphraseFile(path: string): { passphrase: string } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : e instanceof Error
              ? e.message
              : String(e);
    return { error: `cannot read --passphrase-file ${path}: ${why}` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: `--passphrase-file ${path} is not UTF-8 text` };
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const nl = text.indexOf('\n');
  const line = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '');
  if (line === '') return { error: `--passphrase-file ${path}: its first line is empty` };
  return { passphrase: line };
}
