/** China Standard Time has no daylight saving: a fixed +08:00 offset is exact. */
const CST_OFFSET_MS = 8 * 3_600_000;

/** "YYYY-MM-DD HH:MM" in Beijing time: the format the website rules require (47号 annex). */
export function formatPubDate(iso: string | Date): string {
  const d = new Date((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + CST_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** "YYYY-MM-DD" in Beijing time. */
export function formatDate(iso: string | Date): string {
  return formatPubDate(iso).slice(0, 10);
}

/** Today's date in Beijing time. */
export function todayCst(now = Date.now()): string {
  return new Date(now + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Beijing local "YYYY-MM-DD HH:MM" (or date only) → ISO UTC instant. */
export function cstToIso(local: string): string {
  const [date, time = '00:00'] = local.trim().split(/\s+/);
  return new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();
}
