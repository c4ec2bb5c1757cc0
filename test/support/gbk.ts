/**
 * A GBK encoder for tests, built from the decoder: every two-byte GBK code is decoded once with
 * Node's ICU decoder and the table inverted, so the bytes are those Excel on Chinese Windows
 * writes for "CSV (逗号分隔)" — real GBK, not a stand-in.
 */
let table: Map<string, Buffer> | undefined;

function gbkTable(): Map<string, Buffer> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder("gbk", { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      try {
        const char = decoder.decode(bytes);
        if (!table.has(char)) table.set(char, bytes);
      } catch {
        // not a GBK code
      }
    }
  }
  return table;
}

/** `text` in GBK; throws on a character GBK cannot hold. */
export function encodeGbk(text: string): Buffer {
  const codes = gbkTable();
  const parts: Buffer[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, "latin1"));
    else {
      const bytes = codes.get(char);
      if (!bytes) throw new Error(`not in GBK: ${char}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}
