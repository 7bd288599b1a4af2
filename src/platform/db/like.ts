// Text people type, used inside a LIKE pattern, matches itself only: its wildcards are escaped.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
