/**
 * Hooks for the e2e tests, the batch CLI and the benchmarks, compiled in only when built with
 * `--mode e2e` (`import.meta.env.MODE` is replaced at build time, so release builds drop this).
 */
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import type { CaptureResult } from '@/utils/protocol';
import type { EvidenceDb } from '@/utils/store';

export interface TestHooks {
  db: EvidenceDb;
  runCapture: (tabId: number, caseId?: string | null) => Promise<CaptureResult>;
}

export interface InstalledHooks extends TestHooks {
  /**
   * Make the next write of artifact bytes fail as a full disk does (a real QuotaExceededError
   * DOMException thrown inside the real IndexedDB transaction), to check that nothing is half-written.
   */
  simulateQuotaExceeded(on: boolean): void;
}

export function installTestHooks(hooks: TestHooks): void {
  let quotaFull = false;
  hooks.db.use({
    stack: 'dbcore',
    name: 'e2e-simulated-quota',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) =>
            quotaFull && name === 'chunks'
              ? Promise.reject(
                  new DOMException(
                    'The quota has been exceeded (simulated by the e2e test).',
                    'QuotaExceededError',
                  ),
                )
              : table.mutate(req),
        };
      },
    }),
  });
  const installed: InstalledHooks = {
    ...hooks,
    simulateQuotaExceeded: (on) => void (quotaFull = on),
  };
  (globalThis as unknown as { __protokol: InstalledHooks }).__protokol = installed;
}
