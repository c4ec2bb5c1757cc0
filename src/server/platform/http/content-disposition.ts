/**
 * Content-Disposition for downloads whose names are Chinese (威县验收报告.docx): the name in
 * RFC 5987 `filename*=UTF-8''…`, which every current browser reads, after a plain ASCII
 * `filename="…"` for old clients (RFC 6266 §4.3: the extended form wins where understood).
 * By hand rather than the `content-disposition` package, whose ASCII fallback turns every Chinese
 * character into "?"; here the caller names a readable fallback (report-2018-10.xlsx).
 */

/** RFC 5987 attr-char: what may stay unencoded in `filename*`; encodeURIComponent leaves ' ( ) * too. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The name reduced to printable ASCII without quotes or backslashes, for `filename="…"`. */
function asciiFallback(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const ext = dot > 0 ? fileName.slice(dot).replace(/[^A-Za-z0-9.]/g, "") : "";
  const stem = (dot > 0 ? fileName.slice(0, dot) : fileName)
    .replace(/[^\x20-\x7e]+/g, "_")
    .replace(/["\\%;]/g, "_")
    .replace(/^_+|_+$/g, "");
  return `${stem || "download"}${ext}`;
}

/**
 * The header value: `attachment; filename="report.xlsx"; filename*=UTF-8''%E5%A8%81…`.
 * `fallback` is the ASCII name old clients save under (derived from `fileName` when absent).
 */
export function contentDisposition(
  fileName: string,
  options: { fallback?: string; inline?: boolean } = {},
): string {
  const fallback = asciiFallback(options.fallback ?? fileName);
  return `${options.inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}
