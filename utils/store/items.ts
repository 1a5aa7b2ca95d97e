/**
 * The item API of the store in one module (its parts live in files by responsibility).
 * `utils/store/index.ts` re-exports this together with the database.
 */
export { saveCapture, type NewArtifact, type NewCapture } from './save';
export { appendCustody, getCustody, getCustodyLines } from './custody-store';
export { setTags, listTags } from './tags';
export { setNotes, assignCase, createCase, listCases, getItem } from './item-edits';
export { readArtifactChunks, readArtifactBytes, readChunk } from './artifacts';
export { checkIntegrity, type IntegrityReport } from './integrity';
export { queryItems, countItems, earlierObservations, type ItemQuery } from './query';
