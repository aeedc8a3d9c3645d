import { raw } from './raw-socket.js'

export const BOUNDARY = '----portfolio-test-boundary'

/** A multipart/form-data body as a browser sends the import form. */
export function upload (fields: Record<string, string>, file?: string | Buffer, filename = 'portfolio.csv'): { payload: Buffer, headers: Record<string, string> } {
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  if (file !== undefined) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(file), Buffer.from('\r\n'))
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } }
}

/** How many leading bytes of an upload stop short of its closing delimiter: every shorter prefix is cut. */
export function cutPoints (payload: Buffer): number {
  return payload.lastIndexOf(`--${BOUNDARY}--`) + BOUNDARY.length + 4
}

/**
 * Sends raw bytes over a new connection and resolves with everything received until the
 * server closes it (or `waitMs` passes). `halfClose` ends the writing side after the bytes.
 */
export async function rawExchange (url: string, bytes: Buffer, { halfClose = false, waitMs = 10_000 } = {}): Promise<string> {
  const connection = await raw(url, bytes)
  if (halfClose) connection.socket.end()
  const timer = setTimeout(() => connection.socket.destroy(), waitMs)
  await connection.closed
  clearTimeout(timer)
  return connection.received()
}

/** A request head for the import route; the body follows, as Content-Length or chunked says. */
export function importHead (path: string, headers: Record<string, string>): string {
  const lines = Object.entries({ Host: 'localhost', Connection: 'close', ...headers }).map(([name, value]) => `${name}: ${value}\r\n`)
  return `POST ${path} HTTP/1.1\r\n${lines.join('')}\r\n`
}

/** One chunk of a chunked body (an empty one ends the body). */
export function chunk (bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')])
}
