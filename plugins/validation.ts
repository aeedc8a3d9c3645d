import fp from 'fastify-plugin'
import { Ajv } from 'ajv'

// Fastify's default Ajv removes unknown fields instead of refusing them, and a host app can
// configure it in other ways still; the plugin's schemas are compiled by an Ajv of its own
// that refuses unknown fields, never coerces and reports every error at once.
export default fp(async function validation (fastify) {
  const ajv = new Ajv({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: false })
  fastify.setValidatorCompiler(({ schema }) => ajv.compile(schema))
}, { name: 'validation', fastify: '5.x' })
