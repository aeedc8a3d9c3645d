import fp from 'fastify-plugin'
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy'
import createError from '@fastify/error'

/** The largest CSV file an import reads: as large as the form bodies. */
export const UPLOAD_LIMIT = 16 * 1024

const UploadTooLarge = createError('FST_PORTFOLIO_UPLOAD_TOO_LARGE', `The file was larger than ${UPLOAD_LIMIT / 1024} KiB, so it was not read. Nothing was changed.`, 413)
const UploadMalformed = createError('FST_PORTFOLIO_UPLOAD_MALFORMED', 'The upload was not the import form: one file, the choice of adding or replacing, and the form\'s token. Nothing was changed.', 400)

/** The import form as parsed: its text fields, and the file's bytes under its field name. */
type UploadBody = Record<string, string | Buffer>

// multipart/form-data for the import route alone, parsed by @fastify/busboy (what
// @fastify/multipart is built on) into a body like a urlencoded form's: the form's two fields
// and the one file, bounded. @fastify/multipart itself decorates the request with file(),
// parts() and more, so registering it here would crash a host that registered it too, and
// would leave its parser, removed in the plugin's context, unusable for the host's.
/** The form's text fields and its one file field: anything else refuses the upload. */
export interface UploadForm { fields: readonly string[], file: string }

export default fp<UploadForm>(async function csvUpload (fastify, form) {
  fastify.addContentTypeParser('multipart/form-data', function (request, payload, done) {
    const body: UploadBody = Object.create(null)
    let failed = false
    const fail = (error: Error): void => {
      if (failed) return
      failed = true
      payload.unpipe()
      payload.resume()
      done(error, undefined)
    }
    let busboy: BusboyInstance
    try {
      busboy = new Busboy({ headers: request.headers as BusboyHeaders, limits: { files: 1, fields: form.fields.length, parts: form.fields.length + 1, fileSize: UPLOAD_LIMIT, fieldSize: 1000 } })
    } catch {
      return done(new UploadMalformed(), undefined)
    }
    busboy.on('field', (name: string, value: string) => {
      if (!form.fields.includes(name) || name in body) fail(new UploadMalformed())
      else body[name] = value
    })
    busboy.on('file', (name: string, file: NodeJS.ReadableStream) => {
      if (name !== form.file) {
        file.resume()
        return fail(new UploadMalformed())
      }
      const chunks: Buffer[] = []
      file.on('data', (chunk: Buffer) => chunks.push(chunk))
      file.on('limit', () => fail(new UploadTooLarge()))
      file.on('end', () => { body[name] = Buffer.concat(chunks) })
    })
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit']) busboy.on(limit, () => fail(new UploadMalformed()))
    busboy.on('error', () => fail(new UploadMalformed()))
    busboy.on('finish', () => { if (!failed) done(null, body) })
    payload.pipe(busboy)
  })
}, { name: 'fastify-stock-portfolio/csv-upload', fastify: '5.x' })
