import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import handlebars from 'handlebars'
import { viewsDir } from '../package-root.js'
import { sitePaths } from '../urls.js'

// Fastify answers a malformed URL, and Node a malformed request, before any route or hook runs,
// so the plugin's error handler never sees them. The standalone server answers them with the
// same page, rendered here once from the plugin's own templates.
const engine = handlebars.create()
const template = (name: string): HandlebarsTemplateDelegate => engine.compile(readFileSync(join(viewsDir, name), 'utf8'))
const layout = template('layout.hbs')
const error = template('error.hbs')

export function errorPage (title: string, message: string): string {
  const data = { title, message, paths: sitePaths('') }
  return layout({ ...data, body: error(data) })
}
