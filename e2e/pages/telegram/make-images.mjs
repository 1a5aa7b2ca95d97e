// Writes the small placeholder images the Telegram test pages point to (real, valid PNGs made
// with Node's zlib; no image tool is needed). Deterministic: the same bytes every run, so a test
// can compare the store's SHA-256 with the file's. Run: node e2e/pages/telegram/make-images.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

/** An RGB PNG of w×h whose pixel colour is `paint(x, y)` → [r, g, b]. */
function png(w, h, paint) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) raw.set(paint(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = join(import.meta.dirname, 'img');
const images = {
  // Two album photos: a grey "crowd" and a blue "van", told apart by colour and stripes.
  'raid-metro-1.png': png(96, 64, (x, y) => [90 + (x % 16) * 4, 90 + (y % 8) * 6, 100]),
  'raid-metro-2.png': png(96, 64, (x, y) => [30, 60 + ((x + y) % 24) * 3, 160]),
  // Poster frame of the video post and the web-client photo.
  'checkpoint-poster.png': png(128, 72, (x, y) => [140 + (y % 12) * 5, 120, 60 + (x % 32) * 2]),
  'basement-door.png': png(64, 64, (x, y) => [
    70 + ((x >> 3) % 2) * 40,
    55 + ((y >> 3) % 2) * 30,
    45,
  ]),
};
for (const [name, bytes] of Object.entries(images)) writeFileSync(join(dir, name), bytes);
console.log(`wrote ${Object.keys(images).length} images to ${dir}`);
