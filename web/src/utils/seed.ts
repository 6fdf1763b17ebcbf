/**
 * The spot-check draw is reproducible and cannot be steered: the city publishes the SHA-256 of a
 * random seed before the draw and the seed itself with the draw (issue 5). The seed is made and
 * hashed here in the browser with Web Crypto (the console is a secure context), so the server
 * never sees it before the draw.
 */

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** A random seed of `bytes` bytes (32 by default) as lowercase hex. */
export function randomSeed(bytes = 32, source: Crypto = globalThis.crypto): string {
  const buffer = new Uint8Array(bytes)
  source.getRandomValues(buffer)
  return hex(buffer)
}

/** SHA-256 of the seed's UTF-8 bytes, lowercase hex, as the server computes it. */
export async function sha256Hex(text: string, source: Crypto = globalThis.crypto): Promise<string> {
  const digest = await source.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return hex(new Uint8Array(digest))
}

export function isSha256Hex(value: string): boolean {
  return /^[0-9a-f]{64}$/i.test(value)
}
