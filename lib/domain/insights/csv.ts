// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
type Cell = string | number | boolean | null | undefined | Date;

const field = (value: Cell): string => {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv<K extends string>(columns: readonly K[], rows: Record<K, Cell>[]): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => field(r[c])).join(","))].join("\r\n") + "\r\n";
}
