// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled.
type Cell = string | number | boolean | null | undefined | Date;

/**
 * Text a spreadsheet would read as a formula (=, +, -, @, or a tab or carriage return first) gets
 * a leading apostrophe: task names are typed by users, and an export is opened by someone else
 * (OWASP "CSV injection"). Numbers are written as they are.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const field = (value: Cell): string => {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv<K extends string>(columns: readonly K[], rows: Record<K, Cell>[]): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => field(r[c])).join(","))].join("\r\n") + "\r\n";
}
