/**
 * The one error export throws: a plain-language reason, what it concerns, and whether the
 * items' custody logs already received their `exported` event (so the caller can record that
 * the export then failed).
 */

/** Why an export was refused. */
export type PackExportErrorCode =
  'invalid-input' | 'artifact-mismatch' | 'custody' | 'signer' | 'timestamp' | 'write' | 'aborted';

/** One thing export found wrong. */
export interface PackProblem {
  item?: string;
  path?: string;
  message: string;
}

/** Thrown by writePack; the sink has been aborted and no pack exists. */
export class PackExportError extends Error {
  override name = 'PackExportError';
  constructor(
    readonly code: PackExportErrorCode,
    message: string,
    readonly problems: PackProblem[] = [],
    readonly packId?: string,
    /** True when `appendExported` already ran for some item. */
    public custodyAppended = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Message listing the first problems, each naming item and path. */
export function describeProblems(head: string, problems: PackProblem[]): string {
  const shown = problems
    .slice(0, 10)
    .map((p) => `item ${p.item ?? '?'}${p.path ? `, ${p.path}` : ''}: ${p.message}`);
  const more = problems.length > 10 ? `; and ${problems.length - 10} more` : '';
  return `${head}: ${shown.join('; ')}${more}`;
}
