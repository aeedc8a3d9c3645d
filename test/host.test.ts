import t from 'tap'
import { writeFile } from 'node:fs/promises'
import Fastify from 'fastify'
import swagger from '@fastify/swagger'
import rateLimit from '@fastify/rate-limit'
import cookie from '@fastify/cookie'
import stockPortfolio from '../src/index.js'
import { Browser, csrfToken, KEY_A, setCookies, tableRows, VALID } from './helper.js'

t.test('any prefix spelling works: with or without a trailing slash, nested', async (t) => {
  // [as registered, where the pages are, the addresses that lead to the list]
  for (const [mount, base, homes] of [
    ['/portfolio', '/portfolio', ['/portfolio', '/portfolio/']],
    ['/portfolio/', '/portfolio', ['/portfolio/']],
    ['nested', '/outer/inner', ['/outer/inner/']]
  ] as const) {
    const app = Fastify()
    if (mount === 'nested') {
      await app.register(async (outer) => { await outer.register(stockPortfolio, { prefix: '/inner/', key: KEY_A }) }, { prefix: '/outer' })
    } else {
      await app.register(stockPortfolio, { prefix: mount, key: KEY_A })
    }
    t.teardown(() => app.close())
    const browser = new Browser(app)
    const form = await browser.get(`${base}/add_stock`)
    t.equal(form.statusCode, 200, `${mount}: the form`)
    t.match(form.body, `action="${base}/add_stock"`)
    t.notMatch(form.body, /href="[^"]*\/\//, `${mount}: no link has a double slash`)
    t.equal(setCookies(form).get(`portfolio${base.replaceAll('/', '_')}`)?.path, base, `${mount}: the cookie's Path`)
    const saved = await browser.submit(`${base}/add_stock`, VALID)
    t.equal(saved.headers.location, `${base}/stocks/`)
    t.same(tableRows((await browser.get(`${base}/stocks/`)).body), [['AAPL', '15', '$302.17', '$4,532.55']], `${mount}: listed`)
    for (const url of homes) {
      const home = await browser.get(url)
      t.equal(home.statusCode, 302, `GET ${url}`)
      t.equal(home.headers.location, `${base}/stocks/`)
    }
    t.equal((await browser.get(`${base}//`)).statusCode, 404, `${mount}: no stray route at ${base}//`)
  }
})

t.test('at the root the plugin leaves / to the host', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { key: KEY_A })
  app.get('/', async () => 'the host\'s home')
  t.teardown(() => app.close())
  t.equal((await app.inject('/')).body, 'the host\'s home')
})

t.test('the pages refuse framing even without helmet; a host\'s own framing policy is kept', async (t) => {
  const bare = Fastify()
  await bare.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  bare.get('/other', async () => 'other')
  t.teardown(() => bare.close())
  for (const url of ['/p/stocks/', '/p/add_stock']) {
    const page = await bare.inject(url)
    t.equal(page.headers['x-frame-options'], 'DENY', url)
    t.equal(page.headers['content-security-policy'], "frame-ancestors 'none'", url)
  }
  const refused = await bare.inject({ method: 'POST', url: '/p/add_stock', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' })
  t.equal(refused.headers['x-frame-options'], 'DENY', 'error pages too')
  t.equal((await bare.inject('/other')).headers['x-frame-options'], undefined, 'nothing on the host\'s routes')
  t.equal((await bare.inject('/p/no-such-page')).headers['x-frame-options'], undefined, 'nor on the host\'s 404 below the prefix')

  const framed = Fastify()
  framed.addHook('onRequest', async (_request, reply) => {
    reply.header('x-frame-options', 'SAMEORIGIN')
    reply.header('content-security-policy', "default-src 'self'; frame-ancestors 'self'")
  })
  await framed.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => framed.close())
  const kept = await framed.inject('/p/stocks/')
  t.equal(kept.headers['x-frame-options'], 'SAMEORIGIN')
  t.equal(kept.headers['content-security-policy'], "default-src 'self'; frame-ancestors 'self'")

  const partial = Fastify()
  partial.addHook('onRequest', async (_request, reply) => { reply.header('content-security-policy', "default-src 'self'") })
  await partial.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => partial.close())
  t.equal((await partial.inject('/p/stocks/')).headers['content-security-policy'], "default-src 'self'; frame-ancestors 'none'", 'a policy without frame-ancestors gets it added')
})

t.test('the host\'s layout, as a template string or a file, wraps every page', async (t) => {
  const dir = t.testdir()
  const template = '<!doctype html><html lang="en"><head><title>{{title}} · Bank</title><link rel="stylesheet" href="{{paths.stylesheet}}"></head><body><nav>BANK NAV <a href="{{paths.addStock}}">Add</a></nav>{{{body}}}</body></html>'
  await writeFile(`${dir}/layout.hbs`, template)
  for (const layout of [{ template }, `${dir}/layout.hbs`]) {
    const app = Fastify()
    await app.register(stockPortfolio, { prefix: '/p', key: KEY_A, layout })
    t.teardown(() => app.close())
    const browser = new Browser(app)
    const form = await browser.get('/p/add_stock')
    t.match(form.body, /^<!doctype html><html lang="en"><head><title>Add a Stock · Bank<\/title><link rel="stylesheet" href="\/p\/assets\/portfolio.css\?[\w-]{12}">/)
    t.match(form.body, '<nav>BANK NAV <a href="/p/add_stock">Add</a></nav><div class="portfolio">')
    t.notMatch(form.body, 'class="site-header"', 'the plugin\'s own header is gone')
    await browser.submit('/p/add_stock', VALID)
    const list = await browser.get('/p/stocks/')
    t.match(list.body, 'BANK NAV')
    t.same(tableRows(list.body), [['AAPL', '15', '$302.17', '$4,532.55']])
    t.match(list.body, '<a href="/p/stocks/import">Import CSV</a>', 'the list links to the import, whatever the layout')
    t.match((await browser.postRaw('/p/add_stock', 'x=1')).body, 'BANK NAV', 'error pages too')
  }
  const broken = Fastify()
  broken.register(stockPortfolio, { key: KEY_A, layout: { template: '{{#if}}' } })
  await t.rejects(async () => { await broken.ready() }, { message: /^fastify-stock-portfolio: option layout is not a handlebars template/ })
})

t.test('a host layout writes the visitor\'s language and its switch as the plugin\'s does', async (t) => {
  const template = '<html lang="{{lang}}"><title>{{title}} · {{t.site.name}}</title><nav>{{> language-switch}}</nav>{{{body}}}</html>'
  const app = Fastify()
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A, layout: { template } })
  t.teardown(() => app.close())
  const german = await app.inject({ url: '/p/add_stock', headers: { 'accept-language': 'de' } })
  t.match(german.body, /^<html lang="de"><title>Aktie hinzufügen · [^<]+<\/title><nav><form class="languages" method="post" action="\/p\/language"/)
  t.match(german.body, '<input type="hidden" name="back" value="/p/add_stock">', 'the switch brings the visitor back to this page')
  t.match(german.body, '<button type="submit" name="locale" value="en" lang="en">English</button>')
  t.match(german.body, '<span aria-current="true" lang="de">Deutsch</span>')
  const english = await app.inject('/p/add_stock')
  t.match(english.body, /^<html lang="en"><title>Add a Stock · /)
})

t.test('a host layout that writes the page twice, or not at all, is rendered as written on every request', async (t) => {
  for (const [template, count] of [['<p>{{title}}</p>{{{body}}}<hr>{{{body}}}', 2], ['<p>{{title}}: no page here</p>', 0]] as const) {
    const app = Fastify()
    await app.register(stockPortfolio, { key: KEY_A, layout: { template } })
    t.teardown(() => app.close())
    for (const url of ['/add_stock', '/add_stock']) {
      const page = (await app.inject(url)).body
      t.ok(page.startsWith('<p>Add a Stock'), template)
      t.equal(page.split('<h1>Add a Stock</h1>').length - 1, count, `${template}: the page ${count} times`)
    }
  }
})

// With the host's own @fastify/cookie too (@fastify/session brings it), whose hooks the plugin's
// then shares.
for (const hostCookie of [false, true]) {
  t.test(`behind the host's login: an onRequest hook in an enclosing context guards every page${hostCookie ? ', beside the host\'s @fastify/cookie' : ''}`, async (t) => {
    const app = Fastify()
    if (hostCookie) await app.register(cookie)
    await app.register(async function members (scope) {
      scope.addHook('onRequest', async (request, reply) => {
        if (request.headers.authorization !== 'Bearer member') return reply.redirect('/login', 303)
      })
      await scope.register(stockPortfolio, { prefix: '/portfolio', key: KEY_A })
    })
    app.get('/login', async () => 'login page')
    t.teardown(() => app.close())
    for (const [method, url] of [['GET', '/portfolio/stocks/'], ['GET', '/portfolio/add_stock'], ['POST', '/portfolio/add_stock'], ['GET', '/portfolio/assets/portfolio.css']] as const) {
      const response = await app.inject({ method, url })
      t.equal(response.statusCode, 303, `${method} ${url} without login`)
      t.equal(response.headers.location, '/login')
      t.same(response.cookies, [], 'no session is started')
    }
    const member = new Browser(app)
    const headers = { authorization: 'Bearer member' }
    const token = csrfToken((await member.get('/portfolio/add_stock', headers)).body)
    const saved = await member.postRaw('/portfolio/add_stock', new URLSearchParams({ ...VALID, _csrf: token }).toString(), headers)
    t.equal(saved.statusCode, 302)
    t.same(tableRows((await member.get('/portfolio/stocks/', headers)).body).length, 1, 'a member uses the pages')
    t.equal((await app.inject('/login')).body, 'login page', 'the host\'s own routes are not guarded')
  })
}

t.test('with @fastify/swagger in the host, only the JSON read is documented unless asked', async (t) => {
  for (const [openapi, expected] of [
    [undefined, ['/p/stocks/']],
    ['all', ['/p/', '/p/add_stock', '/p/language', '/p/stocks', '/p/stocks/', '/p/stocks/clear', '/p/stocks/import', '/p/stocks/portfolio.csv', '/p/stocks/remove']],
    ['none', []]
  ] as const) {
    const app = Fastify()
    await app.register(swagger, { openapi: { info: { title: 'host', version: '1' } } })
    app.get('/host', async () => 'host')
    await app.register(stockPortfolio, { prefix: '/p', key: KEY_A, ...(openapi === undefined ? {} : { openapi }) })
    t.teardown(() => app.close())
    await app.ready()
    const paths = Object.keys(app.swagger().paths ?? {}).filter((path) => path.startsWith('/p')).sort()
    t.same(paths, expected, `openapi: ${String(openapi)}`)
    t.ok(app.swagger().paths?.['/host'], 'the host\'s routes stay documented')
  }
  const app = Fastify()
  await app.register(swagger, { openapi: { info: { title: 'host', version: '1' } } })
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => app.close())
  await app.ready()
  const get = app.swagger().paths?.['/p/stocks/']?.get as { responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> }
  t.same(Object.keys(get.responses['200']?.content['application/json']?.schema.properties ?? {}).sort(), ['count', 'holdings', 'page', 'pages', 'positions', 'total'], 'the JSON answer\'s schema is documented')

  const tagged = Fastify()
  await tagged.register(swagger, { openapi: { info: { title: 'host', version: '1' } }, hideUntagged: true })
  await tagged.register(stockPortfolio, { prefix: '/p', key: KEY_A, openapiTags: ['portfolio'] })
  await tagged.register(stockPortfolio, { prefix: '/q', key: KEY_A })
  t.teardown(() => tagged.close())
  await tagged.ready()
  t.same(Object.keys(tagged.swagger().paths ?? {}), ['/p/stocks/'], 'under hideUntagged, the mount given openapiTags is documented, the other not')
  t.same((tagged.swagger().paths?.['/p/stocks/']?.get as { tags: string[] }).tags, ['portfolio'])
})

t.test('with secure on, a form that arrives over plain HTTP without the cookie is logged with the reason, once', async (t) => {
  const lines: string[] = []
  const app = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => { lines.push(line) } } } })
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A, secure: true })
  t.teardown(() => app.close())
  for (let i = 0; i < 3; i++) {
    const response = await app.inject({ method: 'POST', url: '/p/add_stock', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...VALID, _csrf: 'x' }).toString() })
    t.equal(response.statusCode, 403)
  }
  t.equal(lines.length, 1, 'once, though anyone can send such forms')
  t.match(lines.join(''), 'a form arrived without the session cookie over plain HTTP while the cookie is Secure')
  lines.length = 0
  const insecure = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => { lines.push(line) } } } })
  await insecure.register(stockPortfolio, { prefix: '/p', key: KEY_A, secure: false })
  t.teardown(() => insecure.close())
  await insecure.inject({ method: 'POST', url: '/p/add_stock', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=x' })
  t.notMatch(lines.join(''), 'plain HTTP', 'no hint when the cookie is not Secure')
})

t.test('under a prefix, an address the plugin does not have is the host\'s 404: its page and its rate limit', async (t) => {
  // fastify/demo's guard against URL scanning: its not-found handler behind a rate limit.
  const app = Fastify()
  await app.register(rateLimit, { max: 100, timeWindow: 60_000 })
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 2, timeWindow: 60_000 }) }, (request, reply) => {
    reply.code(404).send({ message: `the host has nothing at ${request.url}` })
  })
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => app.close())
  const missing = await app.inject('/p/nope')
  t.equal(missing.statusCode, 404)
  t.same(missing.json(), { message: 'the host has nothing at /p/nope' }, 'the host\'s handler answers below the prefix')
  t.equal((await app.inject('/elsewhere')).statusCode, 404, 'and elsewhere')
  t.equal((await app.inject('/p/probe')).statusCode, 429, 'scanning below the prefix meets the host\'s limit')
})

t.test('registered from a route folder that has a not-found handler of its own, it leaves that handler in charge', async (t) => {
  // A fastify-cli route folder: the prefix is the folder's, the plugin registered without one.
  const app = Fastify()
  await app.register(async (folder) => {
    folder.setNotFoundHandler((request, reply) => { reply.code(404).send(`the folder has nothing at ${request.url}`) })
    await folder.register(stockPortfolio, { key: KEY_A })
  }, { prefix: '/p' })
  t.teardown(() => app.close())
  t.equal((await app.inject('/p/stocks/')).statusCode, 200)
  const missing = await app.inject('/p/nope')
  t.equal(missing.statusCode, 404)
  t.equal(missing.body, 'the folder has nothing at /p/nope')
})

t.test('a host\'s caching headers: its pages stay no-store, and Vary keeps what the host put there', async (t) => {
  // What @fastify/caching and @fastify/cors do before the plugin's hooks run, and a host that
  // already varies by language.
  const app = Fastify()
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('cache-control', 'public, max-age=300').header('vary', 'Origin, accept-language')
    done()
  })
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => app.close())
  const browser = new Browser(app)
  await browser.submit('/p/add_stock', VALID)
  const pages = { '/p/add_stock': 'Origin, accept-language, Cookie', '/p/stocks/': 'Origin, accept-language, Accept, Cookie', '/p/stocks/import': 'Origin, accept-language, Cookie', '/p/stocks/portfolio.csv': 'Origin, accept-language, Cookie' }
  for (const [url, vary] of Object.entries(pages)) {
    const response = await browser.get(url)
    t.equal(response.statusCode, 200, url)
    t.equal(response.headers['cache-control'], 'no-store', `${url}: it holds the visitor's portfolio or token`)
    t.equal(response.headers.vary, vary, `${url}: Vary added to, not replaced`)
  }
  const json = await browser.get('/p/stocks/', { accept: 'application/json' })
  t.equal(json.headers['cache-control'], 'no-store')
  t.equal(json.headers.vary, 'Origin, accept-language, Accept, Cookie')
})
