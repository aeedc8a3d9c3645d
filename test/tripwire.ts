import type { Test } from 'tap'

/**
 * Records anything that escapes as an uncaught exception or an unhandled rejection (which,
 * inside a host app, would take the host down); each test ends by checking nothing did.
 */
export function tripwire (t: Test): () => unknown[] {
  const escaped: unknown[] = []
  const record = (error: unknown): void => { escaped.push(error) }
  process.on('uncaughtException', record)
  process.on('unhandledRejection', record)
  t.teardown(() => {
    process.off('uncaughtException', record)
    process.off('unhandledRejection', record)
  })
  return () => escaped
}
