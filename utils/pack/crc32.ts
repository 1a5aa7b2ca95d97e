/**
 * CRC-32 of artifacts, computed in export's pre-pass so stored (level 0) entries can be written
 * by zip.js in pass-through mode: it then skips its own pure-JS CRC, the slowest part of
 * writing large media. WebAssembly (hash-wasm) when allowed, a table-driven fallback otherwise.
 */
import { createCRC32 } from 'hash-wasm';

/** An incremental CRC-32 (IEEE, as ZIP uses). */
export interface Crc32 {
  update(data: Uint8Array): void;
  value(): number;
}

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function jsCrc32(): Crc32 {
  let c = 0xffffffff;
  return {
    update(data) {
      for (const x of data) c = (TABLE[(c ^ x) & 0xff] ?? 0) ^ (c >>> 8);
    },
    value: () => (c ^ 0xffffffff) >>> 0,
  };
}

let wasmBroken = false;

/** A fresh CRC-32. */
export async function createCrc32(): Promise<Crc32> {
  if (!wasmBroken) {
    try {
      const h = await createCRC32();
      h.init();
      return { update: (d) => void h.update(d), value: () => parseInt(h.digest('hex'), 16) >>> 0 };
    } catch {
      wasmBroken = true;
    }
  }
  return jsCrc32();
}
