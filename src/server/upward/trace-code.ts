/** Public trace codes: 10 characters of Crockford base32 (no I, L, O, U), easy to read off a pack. */
import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const TRACE_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{10}$/;

function encode(bytes: Buffer): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += ALPHABET[bytes[i]! % 32];
  return code;
}

/** A random code: 50 bits, so codes cannot be guessed by counting. */
export const newTraceCode = () => encode(randomBytes(10));

/** A stable code for demo data, from a seed text. */
export const demoTraceCode = (seed: string) => encode(createHash("sha256").update(`trace:${seed}`).digest());
