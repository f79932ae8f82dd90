/**
 * Content-Disposition for a download (RFC 6266 / RFC 5987): an ASCII fallback and the exact UTF-8 name.
 * The fallback is the given ASCII name, or the name with anything outside printable ASCII (and the
 * characters that would break the header) replaced by '_'.
 */
export function contentDisposition(name: string, asciiName?: string): string {
  const ascii = (asciiName ?? name).replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
