import fp from 'fastify-plugin'
import { Ajv, type ValidateFunction } from 'ajv'

// Fastify's default Ajv removes unknown fields instead of refusing them, and a host app can
// configure it in other ways still; the plugin's schemas are compiled by an Ajv of its own
// that refuses unknown fields and never coerces. It stops at the first error: the error
// handler (plugins/errors.ts) says in one plain sentence that the form was malformed, and the
// add-stock form's own values are checked by src/portfolio/holding.ts, which names every bad field.
export default fp(async function validation (fastify) {
  let ajv: Ajv | undefined
  // Each schema is compiled on its route's first request: compiling them all at start-up was
  // most of the plugin's `ready` (bench/results.md), while a host's load shedding measures it.
  fastify.setValidatorCompiler(({ schema }) => {
    let validate: ValidateFunction | undefined
    const validateLazily = (data: unknown): boolean => {
      // The schemas are the plugin's own, checked against the meta-schema by test/schemas.test.ts:
      // checking them again here was over half of each compile.
      ajv ??= new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: false, validateSchema: false })
      validate ??= ajv.compile(schema)
      const valid = validate(data)
      // Fastify reads the errors off the function it was given.
      validateLazily.errors = validate.errors
      return valid
    }
    validateLazily.errors = undefined as ValidateFunction['errors']
    return validateLazily
  })
}, { name: 'fastify-stock-portfolio/validation', fastify: '5.x' })
