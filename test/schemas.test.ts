import t from 'tap'
import { Ajv } from 'ajv'
import * as schemas from '../src/schemas.js'

// plugins/validation.ts compiles the schemas without checking them against the JSON Schema
// meta-schema, to start faster: the check is here, once, for every schema the routes use.

t.test('every schema the routes use is a valid JSON schema', async (t) => {
  const ajv = new Ajv({ strict: true })
  const entries = Object.entries(schemas)
  t.ok(entries.length >= 6, `${entries.length} schemas`)
  for (const [name, schema] of entries) {
    t.equal(ajv.validateSchema(schema), true, `${name}: ${ajv.errorsText(ajv.errors)}`)
  }
})
