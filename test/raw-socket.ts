import { connect, type Socket } from 'node:net'
import { once } from 'node:events'
import type { Test } from 'tap'

/** Opens a raw connection to `url` and writes `bytes`; collects what comes back until it closes. */
export async function raw (url: string, bytes: string | Buffer): Promise<{ socket: Socket, received: () => string, closed: Promise<number> }> {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  await once(socket, 'connect')
  let received = ''
  socket.on('data', (chunk: Buffer) => { received += chunk.toString('latin1') })
  socket.on('error', () => {})
  const opened = Date.now()
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - opened)))
  socket.write(bytes)
  return { socket, received: () => received, closed }
}

/**
 * Writes `head`, then a byte every 200 ms, so only a server timeout can end the request.
 * Resolves with how long the connection lasted and what came back.
 */
export async function trickle (t: Test, url: string, head: string): Promise<{ lasted: number, received: string }> {
  const slow = await raw(url, head)
  const timer = setInterval(() => { if (!slow.socket.destroyed) slow.socket.write('a') }, 200)
  t.teardown(() => clearInterval(timer))
  const lasted = await slow.closed
  clearInterval(timer)
  return { lasted, received: slow.received() }
}
