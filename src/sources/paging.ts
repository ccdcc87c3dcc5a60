/** Page names and offsets shared by the paged sources. */

/** `page-000101.json`: named by the 1-based position of its first record, so names sort in order. */
export function pageName(start: number, ext: string): string {
  return `page-${String(start + 1).padStart(6, '0')}.${ext}`;
}

/** Offsets (0-based) of the pages needed for `hits` records, capped at `max`. */
export function pageStarts(hits: number, pageSize: number, max?: number): number[] {
  const wanted = Math.min(hits, max ?? Infinity);
  const out: number[] = [];
  for (let s = 0; s < wanted; s += pageSize) out.push(s);
  return out;
}
