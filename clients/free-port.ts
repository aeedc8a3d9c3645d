// Shared by the tests and the benchmark (clients/README.md).
import { createServer } from 'node:net'

/** A port free on loopback right now, for a server that must be told its port. */
export async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}
