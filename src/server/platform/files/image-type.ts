/** The image type an upload's first bytes announce (JPEG, PNG, WebP), never the name the client sends. */

/** The image type a file's first bytes announce, or undefined. */
export function sniffImage(content: Buffer): "image/jpeg" | "image/png" | "image/webp" | undefined {
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff)
    return "image/jpeg";
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return "image/png";
  }
  if (
    content.subarray(0, 4).toString("latin1") === "RIFF" &&
    content.subarray(8, 12).toString("latin1") === "WEBP"
  ) {
    return "image/webp";
  }
  return undefined;
}
