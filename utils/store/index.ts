/** The evidence store: one import for everything that reads or writes evidence. */
export { CHUNK_SIZE, EvidenceDb, openEvidenceDb, isQuotaError } from './db';
export * from './items';
export { contentDigest, normalizeContentText } from './derive';
