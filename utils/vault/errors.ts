/**
 * The vault's failures, as distinct types so callers can tell the user what happened.
 * A decryption never returns wrong plaintext: AES-GCM and AES-KW check integrity, and every
 * failure of that check becomes one of these errors.
 */

/** Base class: something about the vault or its ciphertexts is wrong. */
export class VaultError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The passphrase does not open the vault (the data key failed its integrity check). */
export class WrongPassphraseError extends VaultError {
  constructor() {
    super('wrong passphrase');
  }
}

/**
 * A ciphertext failed authentication: it was changed, cut, moved to another record or chunk,
 * or is being opened with the wrong key. Never retried with other keys silently.
 */
export class TamperedError extends VaultError {}

/** Bytes or a header in a format or version this code does not know. */
export class VaultFormatError extends VaultError {}

/** The operation needs the unlocked vault. */
export class LockedError extends VaultError {
  constructor() {
    super('the store is locked');
  }
}
