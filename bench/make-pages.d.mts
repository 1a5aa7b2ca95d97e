/** Types for bench/make-pages.mjs, which stays plain JavaScript so it runs with bare Node. */
export interface BenchPage {
  name: string;
  html: string;
}
/** `n` (default 24) deterministic article pages in Russian, Ukrainian and English. */
export function makeBenchPages(n?: number): BenchPage[];
