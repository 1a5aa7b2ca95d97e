/** Small statistics helpers shared by the benchmarks. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

export const median = (xs: number[]) => quantile(xs, 0.5);
export const p95 = (xs: number[]) => quantile(xs, 0.95);

/** The pids of a process tree on Linux (the root and its descendants), from /proc; [] elsewhere. */
async function treePids(rootPid: number): Promise<number[]> {
  const { readFile, readdir } = await import('node:fs/promises');
  let pids: number[];
  try {
    pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
  const parent = new Map<number, number>();
  await Promise.all(
    pids.map(async (pid) => {
      try {
        const status = await readFile(`/proc/${pid}/status`, 'utf8');
        parent.set(pid, Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        /* the process ended meanwhile */
      }
    }),
  );
  const inTree = (pid: number): boolean => {
    for (let p = pid, i = 0; p > 1 && i < 64; p = parent.get(p) ?? 0, i++)
      if (p === rootPid) return true;
    return false;
  };
  return [...parent.keys()].filter(inTree);
}

/** Sum of one `kB` field of a /proc file over a process tree, in bytes. */
async function treeSum(rootPid: number, file: string, field: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const re = new RegExp(`^${field}:\\s+(\\d+)`, 'm');
  const sizes = await Promise.all(
    (await treePids(rootPid)).map(async (pid) => {
      try {
        return Number(re.exec(await readFile(`/proc/${pid}/${file}`, 'utf8'))?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    }),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Resident memory (bytes) of a process tree on Linux, from /proc; 0 elsewhere. */
export function treeRss(rootPid: number): Promise<number> {
  return treeSum(rootPid, 'status', 'VmRSS');
}

/**
 * Proportional set size (bytes) of a process tree: shared pages counted once across the tree,
 * unlike RSS, which counts Chromium's shared libraries once per process.
 */
export function treePss(rootPid: number): Promise<number> {
  return treeSum(rootPid, 'smaps_rollup', 'Pss');
}

export function table(rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {});
  const w = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padStart(w[i]!)).join('  ');
  return [
    line(cols),
    line(w.map((n) => '-'.repeat(n))),
    ...rows.map((r) => line(cols.map((c) => String(r[c])))),
  ].join('\n');
}
