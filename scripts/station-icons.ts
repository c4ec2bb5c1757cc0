/**
 * Writes the station app's icons (src/web/public/station/icon-{192,512}.png): a white parcel on
 * the app's green, drawn pixel by pixel into a PNG with node:zlib — no image library needed.
 * Run: npx tsx scripts/station-icons.ts
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const GREEN = [0x1f, 0x7a, 0x4d];
const WHITE = [0xff, 0xff, 0xff];
const DARK = [0x13, 0x5c, 0x38];

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The colour of pixel (x, y) of a size × size icon: a box with a tape band, inside the safe zone. */
function pixel(x: number, y: number, size: number): number[] {
  const u = x / size;
  const v = y / size;
  const inBox = u > 0.28 && u < 0.72 && v > 0.32 && v < 0.72;
  const tape = inBox && Math.abs(u - 0.5) < 0.045;
  const lid = inBox && v < 0.42;
  if (tape) return DARK;
  if (lid) return [0xe6, 0xf4, 0xec];
  return inBox ? WHITE : GREEN;
}

function png(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y, size)).copy(row, 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) writeFileSync(`src/web/public/station/icon-${size}.png`, png(size));
