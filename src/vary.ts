import type { FastifyReply } from 'fastify'

/**
 * Adds `field` to the reply's Vary header, keeping what a host's plugin (CORS's `Origin`, say)
 * or another hook put there; once, and not beside `*`, which already says everything.
 */
export function varyOn (reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary')
  if (current === undefined) {
    reply.header('vary', field)
    return
  }
  const fields = String(current).toLowerCase().split(',').map((name) => name.trim())
  if (!fields.includes('*') && !fields.includes(field.toLowerCase())) reply.header('vary', `${String(current)}, ${field}`)
}
