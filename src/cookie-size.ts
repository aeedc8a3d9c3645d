// Browsers drop a cookie whose name=value passes 4096 bytes, and they do it silently, so the
// portfolio refuses a change that would not fit instead of losing it. The length is computed,
// not measured: encrypting twice per change would cost as much as the request itself.
// It mirrors @fastify/secure-session's format, base64(JSON + 16-byte MAC) ";" base64(24-byte
// nonce), with the ";" written as %3B; test/cookie-size.test.ts holds it to the real cookie.

export const COOKIE_LIMIT_BYTES = 4096

const MAC_BYTES = 16
const NONCE_CHARS = 32
const SEPARATOR_CHARS = 3

function base64Length (bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}

/** Length of `name=value` for a session holding `data`, as the browser will store it. */
export function sealedCookieLength (cookieName: string, data: object): number {
  // secure-session adds __ts, a Unix time in seconds: ten digits until the year 2286.
  const json = Buffer.byteLength(JSON.stringify({ ...data, __ts: 1e9 }))
  return cookieName.length + 1 + base64Length(json + MAC_BYTES) + SEPARATOR_CHARS + NONCE_CHARS
}

/** Keeps base64's + / = as they are (all legal in a cookie) and escapes only the ";". */
export function encodeCookieValue (value: string): string {
  return value.replace(';', '%3B')
}
