// The attendee list as CSV: plain UTF-8 with commas, or an Excel-friendly variant (byte-order mark, semicolons, CRLF)
// that French Excel opens correctly by a double click. Cells a spreadsheet would run as a formula (=, +, -, @, tab,
// carriage return) are prefixed with an apostrophe so they stay text.
import type { Attendee } from './registrations.ts';
import type { Question } from './service.ts';

export function csvCell(value: string, delimiter: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: string[][], excel: boolean): string {
  const delimiter = excel ? ';' : ',';
  const newline = excel ? '\r\n' : '\n';
  const body = rows.map((row) => row.map((cell) => csvCell(cell, delimiter)).join(delimiter)).join(newline) + newline;
  return excel ? `\uFEFF${body}` : body;
}

export function attendeeRows(list: Attendee[], questions: Question[], labels: { name: string; email: string; organization: string; status: string; attended: string; registeredAt: string }, statusLabel: (s: string) => string, yesNo: (v: boolean | null) => string): string[][] {
  const header = [labels.name, labels.email, labels.organization, labels.status, labels.attended, labels.registeredAt, ...questions.map((q) => q.label)];
  return [header, ...list.map((a) => [a.name, a.email, a.organization ?? '', statusLabel(a.status), yesNo(a.attended), a.registeredAt.toISOString(), ...questions.map((q) => a.answers[String(q.id)] ?? '')])];
}
