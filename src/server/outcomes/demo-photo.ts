/**
 * A synthetic "photo" for the demo data set: a small PNG drawn from a seed (sky, field rows and a
 * building block in colours of the seed), plainly not a real picture. Encoded here with zlib's
 * deflate and CRC-32, so the demo needs no image library.
 */
import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 320 × 200 RGB PNG, deterministic from `seed` (0–255). */
export function demoPhotoPng(seed: number): Buffer {
  const width = 320;
  const height = 200;
  const hue = seed % 256;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const line = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number];
      if (y < 80)
        rgb = [150 + Math.floor(y / 2), 190 + Math.floor(y / 3), 235]; // sky
      else if (x > 60 + (hue % 120) && x < 160 + (hue % 120) && y < 150)
        rgb = [200, 60 + (hue % 80), 50]; // building
      else rgb = [(y >> 3) % 2 ? 90 : 110, 140 + (hue % 60), 60]; // field rows
      line.set(rgb, 1 + x * 3);
    }
    rows.push(line);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
