/**
 * The encrypted store's cryptographic core (pure: WebCrypto and hash-wasm only, no browser
 * APIs). See docs/vault-design.md for the design, formats and limits.
 */
export * from './errors';
export * from './kdf';
export * from './envelope';
export * from './sealed-box';
export * from './vault';
export * from './lock';
export { toBase64Url, fromBase64Url } from './bytes';
