/** `floor(10000 × numerator / denominator)`, 0 when there is no denominator (interfaces.md). */
export function ratioBp(numerator: number, denominator: number): number {
  return denominator > 0 ? Math.floor((numerator * 10_000) / denominator) : 0;
}
