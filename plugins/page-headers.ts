import fp from 'fastify-plugin'
import { varyOn } from '../src/vary.js'

const FRAME_ANCESTORS = "frame-ancestors 'none'"

// Headers every page of the plugin carries, whatever the host sends on its own routes:
// - they depend on the cookie, so no shared cache may store one or serve it to another;
// - Remove and Clear are buttons worth clickjacking, so no other site may frame them. A host's
//   own framing policy (helmet's, say) is kept; only a missing one is added.
export default fp(async function pageHeaders (fastify) {
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    // Over what a host's caching plugin set: these pages hold a visitor's portfolio and token.
    reply.header('cache-control', 'no-store')
    varyOn(reply, 'Cookie')
    // A redirect has no document to frame.
    if (reply.statusCode < 300 || reply.statusCode >= 400) {
      if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY')
      const policy = reply.getHeader('content-security-policy')
      if (policy === undefined) {
        reply.header('content-security-policy', FRAME_ANCESTORS)
      } else if (!String(policy).includes('frame-ancestors')) {
        reply.header('content-security-policy', `${String(policy)}; ${FRAME_ANCESTORS}`)
      }
    }
    done(null, payload)
  })
}, { name: 'fastify-stock-portfolio/page-headers', fastify: '5.x' })
