/**
 * A CSV file Excel opens as UTF-8 (with a byte-order mark), CRLF line ends, every field quoted
 * when it holds a comma, quote or line break (RFC 4180). A field that begins with = + - or @
 * is prefixed with an apostrophe so that a spreadsheet never runs it as a formula.
 */
export function csvField(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

export function csvBlob(text: string): Blob {
  return new Blob([text], { type: 'text/csv;charset=utf-8' })
}
