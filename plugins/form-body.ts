import fp from 'fastify-plugin'
import formBody from '@fastify/formbody'

/** The largest form body accepted, whatever the host's own bodyLimit. */
export const FORM_BODY_LIMIT = 16 * 1024

// Inside the plugin's context the only body type is a urlencoded form: every other type,
// including the host's JSON or multipart, is a 415 from Fastify itself. Dropping the inherited
// parsers also lets formbody register here when the host registered it too.
export default fp(async function formBodyPlugin (fastify) {
  fastify.removeAllContentTypeParsers()
  await fastify.register(formBody, { bodyLimit: FORM_BODY_LIMIT })
}, { name: 'fastify-stock-portfolio/form-body', fastify: '5.x' })
