import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { publicDir } from './package-root.js'

const css = readFileSync(join(publicDir, 'portfolio.css'))

/** The pages' one stylesheet, read once. Its version, a hash of its content, is in its URL. */
export const stylesheet = {
  css,
  version: createHash('sha256').update(css).digest('base64url').slice(0, 12)
}
