/**
 * Refuses an .xlsx (a zip) that would inflate beyond reason, before anything parses it. ExcelJS
 * inflates each entry whole, so a zip bomb of a few hundred kilobytes would otherwise hold a core
 * and gigabytes of memory. The entries are inflated here as streams, counting bytes, so a zip whose
 * headers lie about the sizes is caught as well.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";
import { AppError } from "../http/errors";

/** Limits of a county workbook once inflated (a real one is a few tens of MiB at most). */
export const DEFAULT_ZIP_LIMITS = {
  maxTotalBytes: 256 * 1024 * 1024,
  /** Spreadsheet XML compresses 5–30×; a bomb compresses ~1000×. Entries under 1 MiB are exempt. */
  maxRatio: 100,
  maxEntries: 10_000,
};

export type ZipLimits = typeof DEFAULT_ZIP_LIMITS;

/** A zip entry: its name, compression method (0 stored, 8 deflate), sizes and where its data starts. */
export type ZipEntry = {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  offset: number;
};
type Entry = ZipEntry;

const tooLarge = () =>
  new AppError(413, "workbook_too_large", {
    zh: "工作簿解压后过大或压缩比异常（疑似压缩炸弹），已拒绝",
    en: "The workbook inflates to too much data (a zip bomb?); refused",
  });

/** Throws 413 when the zip at `path` inflates beyond the limits; a plain Error when it is no zip. */
export async function assertZipWithinLimits(
  path: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<void> {
  const entries = await centralDirectory(path);
  if (entries.length > limits.maxEntries) throw tooLarge();
  let total = 0;
  for (const entry of entries) {
    const allowed = Math.min(
      limits.maxTotalBytes - total,
      Math.max(1024 * 1024, entry.compressed * limits.maxRatio),
    );
    if (entry.uncompressed > allowed) throw tooLarge();
    total += await inflatedSize(path, entry, allowed);
  }
}

/** The entries of the zip at `path`, from its central directory (data offsets resolved). */
export async function centralDirectory(path: string): Promise<Entry[]> {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const tailSize = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailSize);
    await file.read(tail, 0, tailSize, size - tailSize);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error("not a zip file: no end of central directory");
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // Zip64: the locator sits just before the end record and points at the zip64 end record.
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw new Error("bad zip64 locator");
      const record = Buffer.alloc(56);
      await file.read(record, 0, 56, Number(tail.readBigUInt64LE(locator + 8)));
      if (record.readUInt32LE(0) !== 0x06064b50) throw new Error("bad zip64 end record");
      count = Number(record.readBigUInt64LE(32));
      cdSize = Number(record.readBigUInt64LE(40));
      cdOffset = Number(record.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size) throw new Error("central directory outside the file");
    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    const entries: Entry[] = [];
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory");
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      const entry: Entry = {
        name: cd.toString("utf8", at + 46, at + 46 + nameLength),
        method: cd.readUInt16LE(at + 10),
        compressed: cd.readUInt32LE(at + 20),
        uncompressed: cd.readUInt32LE(at + 24),
        offset: cd.readUInt32LE(at + 42),
      };
      readZip64Extra(entry, cd.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
      entries.push(entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
    // Where each entry's data starts: after its local header, whose name and extra may differ.
    const local = Buffer.alloc(30);
    for (const entry of entries) {
      await file.read(local, 0, 30, entry.offset);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new Error("bad local header");
      entry.offset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (entry.offset + entry.compressed > size) throw new Error("zip entry outside the file");
    }
    return entries;
  } finally {
    await file.close();
  }
}

function readZip64Extra(entry: Entry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressed === 0xffffffff) entry.uncompressed = next();
      if (entry.compressed === 0xffffffff) entry.compressed = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
      return;
    }
    at += 4 + length;
  }
}

/** Inflates one entry as a stream and counts its bytes, giving up past `allowed`. */
async function inflatedSize(path: string, entry: Entry, allowed: number): Promise<number> {
  if (entry.compressed === 0) return 0;
  if (entry.method === 0) {
    if (entry.compressed > allowed) throw tooLarge();
    return entry.compressed;
  }
  if (entry.method !== 8) throw new Error(`zip entry ${entry.name}: unsupported compression ${entry.method}`);
  const source = createReadStream(path, { start: entry.offset, end: entry.offset + entry.compressed - 1 });
  const inflate = createInflateRaw();
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      inflate.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > allowed) reject(tooLarge());
      });
      inflate.on("end", resolve);
      inflate.on("error", reject);
      source.on("error", reject);
      source.pipe(inflate);
    });
  } finally {
    source.destroy();
    inflate.destroy();
  }
  return bytes;
}
