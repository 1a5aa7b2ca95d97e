/** The evidence store: one import for everything that reads or writes evidence. */
export { CHUNK_SIZE, EvidenceDb, openEvidenceDb, isQuotaError } from './db';
export * from './items';
export { contentDigest, normalizeContentText } from './derive';
export * from './keys';
export * from './settings';
export * from './pack-input';
export * from './fixity';
export * from './timestamps';
export { addArtifacts, type ArtifactToAdd } from './add-artifacts';
export * from './full-page';
export * from './detect-model';
export * from './recheck';
export {
  beginStagedArtifact,
  discardStaged,
  sweepStagedArtifacts,
  type ArtifactStager,
  type StagedArtifact,
} from './staging';
export { ensureSpace, InsufficientSpaceError, SPACE_MARGIN, type EstimateFn } from './quota';
export { StoreCrypto, StoreLockedError } from './store-crypto';
export { isSealedRecord, isVaultSettingKey, WORD_PREFIX } from './encryption-middleware';
export {
  convertStore,
  conversionPending,
  readConversionMarker,
  ConversionError,
  CONVERSION_KEY,
  type ConversionMarker,
} from './convert';
export {
  HEADER_KEY,
  readVaultHeader,
  loadVaultState,
  enableEncryption,
  unlockStore,
  resumeStore,
  lockStore,
  changeStorePassphrase,
  type UnlockResult,
} from './vault-store';
export {
  sealCapture,
  countSealed,
  sealedProblems,
  openSealedQueue,
  SealedMismatchError,
  type SealedEntry,
  type SealedChunk,
  type SealedReceipt,
  type UnsealReport,
} from './sealed-queue';
export {
  getDetectPrefs,
  setDetectPrefs,
  migrateDetectPrefs,
  DETECT_PREFS_SETTING,
} from './detect-prefs';
