/**
 * CSV for spreadsheets (RFC 4180), shared by every export: the audit trail, the catalogue API, the
 * console lists and the 征地 register.
 */

/** UTF-8 byte order mark: without it Excel on Chinese Windows reads the file as GBK. */
export const BOM = '\uFEFF';

/**
 * One CSV cell. A cell a spreadsheet would read as a formula (leading = + - @, or a tab or carriage
 * return that hides one) gets a leading apostrophe, as OWASP advises against CSV injection: titles,
 * names and log lines are free text typed by staff, the public or other systems.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: (string | number | boolean | null | undefined)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;
