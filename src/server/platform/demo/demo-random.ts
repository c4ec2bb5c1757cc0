/** Deterministic "randomness" for demo data: the same seed text always gives the same value. */
import { createHash } from "node:crypto";

/** A stable number in [0, 1) from a seed text. */
export function demoFraction(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

/** A stable integer in [min, max] from a seed text. */
export function demoInt(seed: string, min: number, max: number): number {
  return min + Math.floor(demoFraction(seed) * (max - min + 1));
}
