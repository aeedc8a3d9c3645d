import fp from 'fastify-plugin'
import { Ajv } from 'ajv'

// Fastify's default Ajv removes unknown fields instead of refusing them, and a host app can
// configure it in other ways still; the plugin's schemas are compiled by an Ajv of its own
// that refuses unknown fields and never coerces. It stops at the first error: the error
// handler (plugins/errors.ts) says in one plain sentence that the form was malformed, and the
// add-stock form's own values are checked by src/portfolio/holding.ts, which names every bad field.
export default fp(async function validation (fastify) {
  const ajv = new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: false })
  fastify.setValidatorCompiler(({ schema }) => ajv.compile(schema))
}, { name: 'fastify-stock-portfolio/validation', fastify: '5.x' })
