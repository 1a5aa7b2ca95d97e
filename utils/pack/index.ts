/**
 * Evidence pack core: write and verify packs of format 1 (shared/spec/evidence-pack-v1.md).
 */
export { verifyPack } from './verify';
export { blobSource } from './blob-source';
export { writePack } from './write';
export { packFileName, caseSlug } from './file-name';
export { PackExportError, type PackExportErrorCode, type PackProblem } from './errors';
export { defaultSha256, nobleSha256 } from './sha256';
export { toPem } from './pem';
export type * from './types';
