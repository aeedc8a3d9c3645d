import type { IncomingHttpHeaders } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { BusboyHeaders, BusboyInstance } from '@fastify/busboy'
import createError from '@fastify/error'

/** The largest CSV file an import reads: as large as the form bodies. */
export const UPLOAD_LIMIT = 16 * 1024

/** Room beside the file for the form's token, its choice, and the parts' boundaries and headers. */
const FORM_ALLOWANCE = 4 * 1024

/** The largest import body read at all: Fastify answers 413 as soon as a body crosses it. */
const UPLOAD_BODY_LIMIT = UPLOAD_LIMIT + FORM_ALLOWANCE

/** The longest text field of the import form: its token and its choice are far shorter. */
export const FIELD_LIMIT = 1000

export const UPLOAD_TOO_LARGE = `The file was larger than ${UPLOAD_LIMIT / 1024} KiB, so it was not read. Nothing was changed.`

const UploadTooLarge = createError('FST_PORTFOLIO_UPLOAD_TOO_LARGE', UPLOAD_TOO_LARGE, 413)
const UploadMalformed = createError('FST_PORTFOLIO_UPLOAD_MALFORMED', 'The upload was not the import form: one file, the choice of adding or replacing, and the form\'s token. Nothing was changed.', 400)
const UploadIncomplete = createError('FST_PORTFOLIO_UPLOAD_INCOMPLETE', 'The upload arrived incomplete: it ended before the form did. Nothing was changed.', 400)
const FieldTooLong = createError('FST_PORTFOLIO_FIELD_TOO_LONG', `A field of the import form was longer than ${FIELD_LIMIT} characters. Nothing was changed.`, 400)

/** The import form as parsed: its text fields, and the file's bytes under its field name. */
export type UploadBody = Record<string, string | Buffer>

/** The form's text fields and its one file field: anything else refuses the upload. */
export interface UploadForm { fields: readonly string[], file: string }

/**
 * Reads a whole multipart body already in memory. Every stream busboy makes has an 'error'
 * listener: one left without would take the process, and a host app, down. The promise
 * settles once, with the first refusal or with the form.
 */
async function readUpload (headers: IncomingHttpHeaders, body: Buffer, form: UploadForm): Promise<UploadBody> {
  // Loaded on the first upload, not with the plugin: most visitors never import a file.
  const { Busboy } = await import('@fastify/busboy')
  return new Promise((resolve, reject) => {
    const parsed: UploadBody = Object.create(null)
    const limits = { files: 1, fields: form.fields.length, parts: form.fields.length + 1, fileSize: UPLOAD_LIMIT, fieldSize: FIELD_LIMIT }
    let busboy: BusboyInstance
    try {
      busboy = new Busboy({ headers: headers as BusboyHeaders, limits })
    } catch {
      return reject(new UploadMalformed())
    }
    busboy.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      if (valueTruncated) reject(new FieldTooLong())
      else if (!form.fields.includes(name) || name in parsed) reject(new UploadMalformed())
      else parsed[name] = value
    })
    busboy.on('file', (name: string, file: NodeJS.ReadableStream) => {
      file.on('error', () => reject(new UploadIncomplete()))
      if (name !== form.file) {
        file.resume()
        return reject(new UploadMalformed())
      }
      const chunks: Buffer[] = []
      file.on('data', (chunk: Buffer) => chunks.push(chunk))
      file.on('limit', () => reject(new UploadTooLarge()))
      file.on('end', () => { parsed[name] = Buffer.concat(chunks) })
    })
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit']) busboy.on(limit, () => reject(new UploadMalformed()))
    busboy.on('error', () => reject(new UploadIncomplete()))
    busboy.on('finish', () => resolve(parsed))
    busboy.end(body)
  })
}

// multipart/form-data for the import route alone, parsed by @fastify/busboy (what
// @fastify/multipart is built on) into a body like a urlencoded form's. @fastify/multipart
// itself decorates the request with file(), parts() and more, which would clash with a host
// that registered it too. Fastify reads the body as a buffer, bounded by bodyLimit, so a cut,
// slow or endless upload is Fastify's to refuse before busboy sees a byte.
export default fp<UploadForm>(async function csvUpload (fastify, form) {
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: UPLOAD_BODY_LIMIT }, async function (request: FastifyRequest, body: Buffer): Promise<UploadBody> {
    return readUpload(request.headers, body, form)
  })
}, { name: 'fastify-stock-portfolio/csv-upload', fastify: '5.x' })
