import t from 'tap'
import Fastify, { type FastifyInstance } from 'fastify'
import { kPaths, sitePaths } from '../src/urls.js'
import session from '../plugins/session.js'
import i18n from '../plugins/i18n.js'
import views from '../plugins/views.js'
import errors from '../plugins/errors.js'
import { resolveOptions } from '../src/options.js'
import { KEY_A } from './helper.js'

/** The plugin's error handler and what it renders with, at the root of `app`. */
async function withErrorPages (app: FastifyInstance): Promise<void> {
  app.decorate(kPaths, sitePaths(''))
  const settings = resolveOptions({ key: KEY_A })
  await app.register(session, settings)
  await app.register(i18n, settings)
  await app.register(views)
  await app.register(errors)
}

t.test('inside the plugin an unexpected error is a generic 500 page, logged; a 4xx says what was wrong', async (t) => {
  const lines: string[] = []
  const app = Fastify({ logger: { level: 'error', stream: { write: (line: string) => { lines.push(line) } } } })
  await withErrorPages(app)
  app.get('/boom', async () => { throw new Error('database password is hunter2') })
  app.get('/busy', async () => { throw Object.assign(new Error('Service Unavailable'), { statusCode: 503, code: 'FST_UNDER_PRESSURE' }) })
  app.get('/teapot', async () => { throw Object.assign(new Error('I refuse <politely>'), { statusCode: 418 }) })
  t.teardown(() => app.close())

  const boom = await app.inject('/boom')
  t.equal(boom.statusCode, 500)
  t.match(boom.body, 'Something went wrong on our side. Your portfolio was not changed.')
  t.notMatch(boom.body, 'hunter2', 'the error itself is not shown')
  t.match(lines.join(''), 'database password is hunter2', 'but it is logged')

  const busy = await app.inject('/busy')
  t.equal(busy.statusCode, 503, 'load shedding keeps its 503')
  t.match(busy.body, 'The server is busy right now.')

  const teapot = await app.inject('/teapot')
  t.equal(teapot.statusCode, 418)
  t.match(teapot.body, 'I refuse &lt;politely&gt;')
})

t.test('a body that does not match its Content-Length is refused in the visitor\'s words, not Fastify\'s', async (t) => {
  const app = Fastify()
  await withErrorPages(app)
  app.post('/form', async () => 'read')
  t.teardown(() => app.close())

  for (const [language, words] of [['en', 'That address or request is malformed'], ['de', 'Diese Adresse oder Anfrage ist fehlerhaft']] as const) {
    const cut = await app.inject({ method: 'POST', url: '/form', headers: { 'content-type': 'text/plain', 'content-length': '20', 'accept-language': language }, payload: 'ten bytes.' })
    t.equal(cut.statusCode, 400, language)
    t.match(cut.body, words)
    t.notMatch(cut.body, 'Content-Length', 'Fastify\'s English message is not shown')
  }
})
