/**
 * The vault's failures, as distinct types so callers can tell the user what happened.
 * A decryption never returns wrong plaintext: AES-GCM and AES-KW check integrity, and every
 * failure of that check becomes one of these errors.
 */

/** Base class: something about the vault or its ciphertexts is wrong. */
export class VaultError extends Error {
  // Spelled out, not new.target.name: bundlers shorten class names, and the name crosses
  // message boundaries (worker → page) where instanceof cannot.
  override name: string = 'VaultError';
}

/** The passphrase does not open the vault (the data key failed its integrity check). */
export class WrongPassphraseError extends VaultError {
  override name = 'WrongPassphraseError';
  constructor() {
    super('wrong passphrase');
  }
}

/**
 * A ciphertext failed authentication: it was changed, cut, moved to another record or chunk,
 * or is being opened with the wrong key. Never retried with other keys silently.
 */
export class TamperedError extends VaultError {
  override name = 'TamperedError';
}

/**
 * The key derivation the vault was made with cannot run here (Argon2id needs WebAssembly, and
 * its memory): the passphrase was not even tried.
 */
export class KdfUnavailableError extends VaultError {
  override name = 'KdfUnavailableError';
}

/** Bytes or a header in a format or version this code does not know. */
export class VaultFormatError extends VaultError {
  override name = 'VaultFormatError';
}
