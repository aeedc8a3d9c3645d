import t from 'tap'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { flatten, SHIPPED } from '../src/i18n/catalogue.js'
import { resolveOptions } from '../src/options.js'
import { makeLocale } from '../src/i18n/locale.js'
import { resolveLanguage } from '../src/i18n/settings.js'
import { build, Browser, csrfToken, KEY_A, KEY_C as key, locale, setCookies, tableRows, VALID } from './helper.js'

// The visitor's language: negotiated from Accept-Language, switched by a button on every page
// and kept in the session; the plugin's options choose the languages, the words and the currency.

const GERMAN = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' }
const form = 'application/x-www-form-urlencoded'

t.test('Accept-Language chooses among the offered languages; en by default', async (t) => {
  const browser = new Browser(await build(t))
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'en'], ['', 'en'], ['de', 'de'], ['de-AT', 'de'], ['fr', 'en'], ['fr, de;q=0.5', 'de'], ['en;q=0.1, de', 'de'], ['*', 'en'], ['de;q=0', 'en']
  ]
  for (const [header, tag] of cases) {
    const page = await browser.get('/stocks/', header === undefined ? {} : { 'accept-language': header })
    t.equal(page.headers['content-language'], tag, `${JSON.stringify(header)}: ${tag}`)
    t.match(page.body, `<html lang="${tag}">`)
    t.match(page.headers.vary, /Accept-Language/)
  }
  const german = await browser.get('/add_stock', GERMAN)
  t.match(german.body, '<h1>Aktie hinzufügen</h1>')
  t.match(german.body, '<title>Aktie hinzufügen &middot; Aktiendepot</title>')
  const json = await browser.get('/stocks/', { ...GERMAN, accept: 'application/json' })
  t.equal(json.headers['content-language'], undefined, 'the JSON read is in no language')
  t.notMatch(json.headers.vary, /Accept-Language/)
})

t.test('the switch on every page keeps the choice in the session and goes back to the page', async (t) => {
  const browser = new Browser(await build(t))
  const empty = await browser.get('/stocks/')
  t.same(empty.cookies, [], 'the switch itself writes no cookie')
  t.match(empty.body, '<form class="languages" method="post" action="/language" aria-label="Language"><input type="hidden" name="back" value="/stocks/"><span aria-current="true" lang="en">English</span><button type="submit" name="locale" value="de" lang="de">Deutsch</button></form>')
  for (const url of ['/add_stock', '/stocks/import', '/stocks/?view=positions']) t.match((await browser.get(url)).body, 'name="locale" value="de"', url)

  const switched = await browser.postRaw('/language', 'locale=de&back=%2Fstocks%2F%3Fview%3Dpositions%26sort%3Dcost')
  t.equal(switched.statusCode, 302)
  t.equal(switched.headers.location, '/stocks/?view=positions&sort=cost', 'back to the page, its query kept')
  t.equal(setCookies(switched).size, 1, 'the choice is kept in the session')
  const page = await browser.get('/stocks/', { 'accept-language': 'en' })
  t.equal(page.headers['content-language'], 'de', 'the choice wins over Accept-Language')
  t.match(page.body, '<button type="submit" name="locale" value="en" lang="en">English</button><span aria-current="true" lang="de">Deutsch</span>')
  const added = await browser.submit('/add_stock', VALID)
  t.equal(added.statusCode, 302, 'the session the switch opened takes forms: it holds a CSRF secret')
  t.match((await browser.get('/stocks/')).body, '15 Aktien AAPL zu 302,17\u00a0$ hinzugefügt.')

  for (const [back, location] of ([['//evil.example/stocks/', '/stocks/'], ['https://evil.example/add_stock', '/stocks/'], ['/stocks/remove', '/stocks/'], ['http://[', '/stocks/'], ['/add_stock', '/add_stock'], ['/stocks/import?x=1', '/stocks/import?x=1']] as Array<[string, string]>)) {
    const response = await browser.postRaw('/language', new URLSearchParams({ locale: 'en', back }).toString())
    t.equal(response.headers.location, location, `back ${back}: ${location}`)
  }
  t.equal((await browser.postRaw('/language', 'locale=de')).headers.location, '/stocks/', 'no page named: the list')
  t.equal((await browser.postRaw('/language', 'locale=fr')).statusCode, 400, 'a language not offered is refused')
  t.equal((await browser.postRaw('/language', 'locale=de&extra=1')).statusCode, 400)
})

t.test('the switch is refused cross-site and under a cookie conflict, writing nothing', async (t) => {
  const app = await build(t)
  const crossSite = await app.inject({ method: 'POST', url: '/language', payload: 'locale=de', headers: { 'content-type': form, 'sec-fetch-site': 'cross-site' } })
  t.equal(crossSite.statusCode, 403)
  t.equal(setCookies(crossSite).size, 0)
  t.match(crossSite.body, 'This form was sent from another site')
  const browser = new Browser(app)
  await browser.submit('/add_stock', VALID)
  const cookie = browser.cookies.get('portfolio') as string
  const conflict = await app.inject({ method: 'POST', url: '/language', payload: 'locale=de', headers: { 'content-type': form, cookie: `portfolio=${cookie}; portfolio=${cookie}` } })
  t.equal(conflict.statusCode, 400)
  t.equal(setCookies(conflict).size, 0)
})

t.test('the switch on a page with a long address brings the visitor back, without the query if it must', async (t) => {
  const browser = new Browser(await build(t))
  const back = (html: string): string => (/name="back" value="([^"]*)"/.exec(html) as RegExpExecArray)[1] as string
  const switchFrom = (html: string) => browser.postRaw('/language', new URLSearchParams({ locale: 'de', back: back(html).replaceAll('&amp;', '&').replaceAll('&#x3D;', '=') }).toString())
  const short = await browser.get('/stocks/?view=positions&utm=x')
  t.equal(back(short.body), '/stocks/?view&#x3D;positions&amp;utm&#x3D;x', 'a short address is kept whole')
  t.equal((await switchFrom(short.body)).headers.location, '/stocks/?view=positions&utm=x')
  const tracked = await browser.get(`/add_stock?utm_campaign=${'x'.repeat(1000)}`)
  t.equal(back(tracked.body), '/add_stock', 'past 1,000 characters, the query is left out')
  const switched = await switchFrom(tracked.body)
  t.equal(switched.statusCode, 302)
  t.equal(switched.headers.location, '/add_stock')
  const longest = `/add_stock?utm_campaign=${'x'.repeat(1000 - '/add_stock?utm_campaign='.length)}`
  t.equal(longest.length, 1000)
  const atLimit = await browser.get(longest)
  t.equal(back(atLimit.body).replaceAll('&#x3D;', '='), longest, 'an address of exactly 1,000 characters is kept whole')
  t.equal((await switchFrom(atLimit.body)).headers.location, longest, 'and the switch comes back to it')
  t.equal(back((await browser.get(`${longest}x`)).body), '/add_stock', 'one character more: the query is left out')
  // A host that ignores duplicate slashes serves a page at a path of any length.
  const host = Fastify({ routerOptions: { ignoreDuplicateSlashes: true } })
  await host.register(stockPortfolio, { key: KEY_A, prefix: '/p' })
  t.teardown(() => host.close())
  const long = await host.inject({ url: `/p${'/'.repeat(1001)}stocks/` })
  t.equal(long.statusCode, 200)
  t.equal(back(long.body), '', 'a page at a longer path goes back to the list')
  t.equal((await host.inject({ method: 'POST', url: '/p/language', payload: 'locale=de&back=', headers: { 'content-type': form } })).headers.location, '/p/stocks/')
})

t.test('a portfolio that fills the cookie keeps its language unchanged and says why', async (t) => {
  const browser = new Browser(await build(t))
  let added = 0
  while ((await browser.submit('/add_stock', { stock_symbol: 'A', number_of_shares: '1', purchase_price: '1' })).statusCode === 302) added++
  t.ok(added > 400, `${added} holdings fill the cookie`)
  const refused = await browser.postRaw('/language', 'locale=de&back=%2Fadd_stock')
  t.equal(refused.statusCode, 409)
  t.match(refused.body, 'The language was not changed: your portfolio fills the browser&#x27;s cookie')
  t.equal(setCookies(refused).size, 0, 'the session is not written again: its expiry does not move')
  t.equal((await browser.get('/stocks/')).headers['content-language'], 'en')
})

t.test('German pages write German numbers and take a decimal comma; stored values are exact', async (t) => {
  const browser = new Browser(await build(t))
  const formPage = await browser.get('/add_stock', GERMAN)
  t.match(formPage.body, '<input id="purchase_price" name="purchase_price" type="text" inputmode="decimal" pattern="[ \\t]*\\d+(?:[.,]\\d{1,4})?[ \\t]*" maxlength="20" required spellcheck="false" value=""')
  t.match(formPage.body, 'mit Komma oder Punkt vor den Nachkommastellen und ohne Tausenderpunkte, etwa 302,17.')
  const token = csrfToken(formPage.body)
  const post = (price: string, shares = '1500') => browser.postRaw('/add_stock', new URLSearchParams({ stock_symbol: 'AAPL', number_of_shares: shares, purchase_price: price, _csrf: token }).toString(), GERMAN)
  t.equal((await post('150,25')).statusCode, 302)
  t.equal((await post(' 0.1 ', '1')).statusCode, 302, 'a point too')
  const grouped = await post('1.234,56')
  t.equal(grouped.statusCode, 400, 'no thousands separator')
  t.match(grouped.body, 'Der Kaufpreis ist ein Betrag in US-Dollar über 0 und bis 1.000.000,00\u00a0$, mit höchstens 4 Nachkommastellen, mit Komma oder Punkt davor und ohne Tausenderpunkte, etwa 302,17.')
  t.match(grouped.body, 'value="1.234,56"', 'the value typed is kept')
  t.match((await post('1,5', '1.000')).body, 'Die Anzahl der Aktien ist eine ganze Zahl von 1 bis 1.000.000.000, ohne Tausenderpunkte.')
  const json = (await browser.get('/stocks/', { ...GERMAN, accept: 'application/json' })).json()
  t.same(json.holdings, [{ symbol: 'AAPL', shares: 1500, price: '150.25', cost: '225375.00' }, { symbol: 'AAPL', shares: 1, price: '0.10', cost: '0.10' }], 'the JSON stays neutral')
  t.equal(json.total, '225375.10')
  const positionsJson = (await browser.get('/stocks/?view=positions', { ...GERMAN, accept: 'application/json' })).json()
  t.same(positionsJson.positions, [{ symbol: 'AAPL', shares: 1501, averagePrice: '150.15', cost: '225375.10', purchases: 2, share: '100.00' }], 'in either view')
  const list = await browser.get('/stocks/', GERMAN)
  t.same(tableRows(list.body), [['AAPL', '1.500', '150,25\u00a0$', '225.375,00\u00a0$'], ['AAPL', '1', '0,10\u00a0$', '0,10\u00a0$']])
  t.match(list.body, 'aria-label="AAPL entfernen: 1.500 zu 150,25\u00a0$"')
  t.match(list.body, /Summe<\/th><td class="num">225\.375,10\u00a0\$<\/td>/)
  t.match(list.body, 'Damit werden alle 2 Käufe aus diesem Browser entfernt.')
  const positions = await browser.get('/stocks/?view=positions', GERMAN)
  t.match(positions.body, '>100,00\u00a0%</td></tr>')
  t.match(positions.body, '<td class="num">100,00\u00a0%</td>')
  const english = await browser.get('/add_stock')
  const englishToken = csrfToken(english.body)
  const comma = await browser.postRaw('/add_stock', new URLSearchParams({ ...VALID, purchase_price: '150,25', _csrf: englishToken }).toString())
  t.equal(comma.statusCode, 400, 'in English a comma is no decimal mark')
  t.match(comma.body, 'like 302.17.')
  const csv = await browser.get('/stocks/portfolio.csv', GERMAN)
  t.equal(csv.body, 'symbol,shares,price,cost\r\nAAPL,1500,150.25,225375.00\r\nAAPL,1,0.10,0.10\r\n', 'the export stays neutral')
  t.equal(csv.headers['content-language'], undefined)
})

t.test('the form\'s pattern takes exactly what the server takes', async (t) => {
  const { formFields } = await import('../src/portfolio/add-stock-form.js')
  const { parseMoney } = await import('../src/portfolio/money.js')
  const { locale } = await import('./helper.js')
  const price = formFields(locale('de'), { stock_symbol: '', number_of_shares: '', purchase_price: '' }).find((field) => field.name === 'purchase_price')
  const pattern = new RegExp(`^(?:${price?.text?.pattern as string})$`, 'v')
  for (const text of ['150,25', '150.25', '15', '0,0001', ' 1,5\t', '1.234,56', '1,2,3', ',5', '5,', '1,23456', '1e3', '']) {
    const server = parseMoney(text.trim(), true)
    t.equal(pattern.test(text), server !== undefined, `${JSON.stringify(text)}: ${server === undefined ? 'refused' : 'taken'} by both`)
  }
})

t.test('a semicolon file with decimal commas imports; line messages in the visitor\'s language', async (t) => {
  const { upload } = await import('./upload-helper.js')
  const browser = new Browser(await build(t))
  const importFile = async (file: string, headers: Record<string, string> = {}) => {
    const token = csrfToken((await browser.get('/stocks/import', headers)).body)
    const { payload, headers: multipart } = upload({ _csrf: token }, file)
    return browser.request({ method: 'POST', url: '/stocks/import', payload: payload as unknown as string, headers: { ...multipart, ...headers } })
  }
  const good = await importFile('symbol;shares;price;cost\r\nAAPL;15;302,17;4532,55\r\nSBUX;100;87.56;8756\r\n', GERMAN)
  t.equal(good.statusCode, 302)
  t.match((await browser.get('/stocks/', GERMAN)).body, '2 Käufe importiert.')
  t.same((await browser.get('/stocks/', { accept: 'application/json' })).json().holdings.map((h: { price: string }) => h.price), ['302.17', '87.56'])
  const bad = await importFile('symbol;shares;price\nAAPL;1,5;302,17\nMSFT;2;1.234,5\n;1;1\n', GERMAN)
  t.equal(bad.statusCode, 400)
  t.match(bad.body, 'Nichts wurde importiert: Die Datei hat 3 Fehler.')
  t.match(bad.body, '<li>Zeile 2: Die Anzahl der Aktien ist eine ganze Zahl von 1 bis 1.000.000.000, ohne Tausenderpunkte</li>')
  t.match(bad.body, '<li>Zeile 3: Der Kaufpreis ist ein Betrag in US-Dollar über 0 und bis 1.000.000,00\u00a0$, mit höchstens 4 Nachkommastellen, mit Komma oder Punkt davor und ohne Tausenderpunkte, etwa 302,17</li>')
  t.match(bad.body, '<li>Zeile 4: Das Börsenkürzel fehlt</li>')
  const english = await importFile('symbol;shares;price\nMSFT;2;1.234,5\n')
  t.match(english.body, 'line 2: the purchase price is a number of dollars above 0 and up to $1,000,000.00, with at most 4 decimals, like 302,17', 'in English, with the file\'s own example')
  const commaFile = await importFile('symbol,shares,price\nMSFT,2,"302,17"\n')
  t.match(commaFile.body, 'like 302.17', 'a comma-separated file keeps the point')
  const germanErrors = await importFile('symbol;shares;price\n"AAPL;1;1\n', GERMAN)
  t.match(germanErrors.body, 'Die Datei ist keine CSV-Datei: Zeile 2: Eine Zelle in Anführungszeichen wird nicht geschlossen')
})

t.test('options: the languages offered, the default, a host\'s words, the currency', async (t) => {
  const host = Fastify()
  const fr = { ...flatten(SHIPPED.en as object), 'list.title': 'Liste des actions', 'language.name': 'Français' }
  await host.register(stockPortfolio, {
    key: KEY_A,
    locales: ['en', 'de', 'fr'],
    defaultLocale: 'de',
    currency: 'EUR',
    messages: { en: { 'list.title': 'My Stocks' }, fr }
  })
  t.teardown(() => host.close())
  const visit = (headers: Record<string, string> = {}) => host.inject({ url: '/stocks/', headers })
  t.match((await visit()).body, '<h1>Aktienliste</h1>', 'the default language')
  t.match((await visit({ 'accept-language': '*' })).body, '<h1>Aktienliste</h1>', 'any language (what fetch sends): the default, not the first offered')
  t.match((await visit({ 'accept-language': 'es, *;q=0.1' })).body, '<h1>Aktienliste</h1>', 'none offered, then any: the default')
  t.match((await visit({ 'accept-language': 'fr, en' })).body, '<h1>Liste des actions</h1>', 'the header\'s order decides between languages it names')
  t.match((await visit({ 'accept-language': 'en-GB' })).body, '<h1>My Stocks</h1>', 'a host\'s own words')
  const french = await visit({ 'accept-language': 'fr-CH' })
  t.match(french.body, '<h1>Liste des actions</h1>')
  t.match(french.body, 'lang="fr">Français</span>')
  const browser = new Browser(host)
  await browser.submit('/add_stock', { stock_symbol: 'SAP', number_of_shares: '1000', purchase_price: '1234.5' })
  t.same(tableRows((await browser.get('/stocks/', { 'accept-language': 'en' })).body), [['SAP', '1,000', '€1,234.50', '€1,234,500.00']], 'euros as English writes them')
  t.same(tableRows((await browser.get('/stocks/', { 'accept-language': 'de' })).body), [['SAP', '1.000', '1.234,50\u00a0€', '1.234.500,00\u00a0€']], 'and as German does')
  t.match((await browser.get('/add_stock', { 'accept-language': 'en' })).body, 'Purchase Price (€)</label>')
  t.match((await browser.get('/add_stock', { 'accept-language': 'en' })).body, 'In euros, up to 4 decimals.')

  const single = Fastify()
  await single.register(stockPortfolio, { key: KEY_A, locales: ['de'] })
  t.teardown(() => single.close())
  const only = await single.inject('/stocks/')
  t.match(only.body, '<html lang="de">')
  t.notMatch(only.body, 'class="languages"', 'one language: no switch')
})

t.test('locales [de, en] without defaultLocale: en is the default, as the README promises, not the first offered', async (t) => {
  t.match(resolveOptions({ key, locales: ['de', 'en'] }), { defaultLocale: 'en' }, 'the resolved options')
  const host = Fastify()
  await host.register(stockPortfolio, { key: KEY_A, locales: ['de', 'en'] })
  t.teardown(() => host.close())
  for (const [asked, headers] of [['no Accept-Language', {}], ['Accept-Language: fr', { 'accept-language': 'fr' }]] as const) {
    t.match((await host.inject({ url: '/stocks/', headers })).body, '<html lang="en">', `${asked}: English`)
  }
  t.match((await host.inject({ url: '/stocks/', headers: GERMAN })).body, '<html lang="de">', 'German when asked for')
})

t.test('bad language options fail registration naming the option', async (t) => {
  const cases: Array<[object, RegExp]> = [
    [{ locales: [] }, /option locales must be a non-empty array of language tags/],
    [{ locales: 'de' }, /option locales must be a non-empty array/],
    [{ locales: ['en', 'no such tag!'] }, /option locales must be a BCP 47 language tag such as "en" or "de", not "no such tag!"/],
    [{ locales: [42] }, /option locales must be a BCP 47 language tag/],
    [{ locales: ['en', 'EN'] }, /option locales names en twice/],
    [{ locales: ['fr'] }, /option locales: fr has no shipped catalogue \(en, de\), so option messages\.fr must give every message; missing: language\.name, /],
    [{ locales: ['en'], defaultLocale: 'de' }, /option defaultLocale de is not among option locales \(en\)/],
    [{ defaultLocale: 'zz-!' }, /option defaultLocale must be a BCP 47 language tag/],
    [{ messages: 'x' }, /option messages must be an object/],
    [{ messages: { fr: {} } }, /option messages\.fr: fr is not among option locales \(en, de\)/],
    [{ messages: { de: 'x' } }, /option messages\.de must be an object of message keys and messages/],
    [{ messages: { de: { 'list.titel': 'x' } } }, /option messages\.de: there is no message "list\.titel" \(.* dist\/src\/i18n\/catalogues\/en\.d\.ts/],
    [{ messages: { de: { 'list.title': 'Aktien {x}' } } }, /option messages\.de\["list\.title"\] is plain text here, with no \{arguments\}/],
    [{ messages: { de: { 'list.rows': '{first' } } }, /option messages\.de\["list\.rows"\] is not ICU MessageFormat/],
    [{ currency: 'usd' }, /option currency must be an ISO 4217 code such as USD or EUR, not "usd"/],
    [{ currency: 'XYZ' }, /option currency must be an ISO 4217 code/],
    [{ currency: 3 }, /option currency must be an ISO 4217 code/]
  ]
  for (const [options, message] of cases) t.throws(() => resolveOptions({ key, ...options }), { message }, JSON.stringify(options))
  t.match(resolveOptions({ key, locales: ['DE'], defaultLocale: 'de' }), { defaultLocale: 'de', currency: 'USD', locales: [{ tag: 'de' }] })
  t.match(resolveOptions({ key, locales: ['de', 'fr'], messages: { FR: flatten(SHIPPED.de as object) } }), { defaultLocale: 'de' }, 'without en, the first offered is the default')
})

t.test('the standalone server\'s own pages: not found and malformed, in the language asked for', async (t) => {
  const app = await build(t, { currency: 'EUR' })
  const missing = await app.inject({ url: '/nowhere', headers: GERMAN })
  t.equal(missing.statusCode, 404)
  t.equal(missing.headers['content-language'], 'de')
  t.match(missing.headers.vary, 'Accept-Language')
  t.match(missing.body, '<h1>Seite nicht gefunden</h1>')
  t.match(missing.body, '<input type="hidden" name="back" value="/stocks/">', 'the switch leads back to the list')
  t.match((await app.inject('/nowhere')).body, '<h1>Page not found</h1>')
  const malformed = await app.inject({ url: '/%', headers: GERMAN })
  t.equal(malformed.statusCode, 400)
  t.equal(malformed.headers['content-language'], 'de')
  t.match(malformed.body, 'Diese Adresse oder Anfrage ist fehlerhaft')
  const browser = new Browser(app)
  await browser.submit('/add_stock', VALID)
  t.same(tableRows((await browser.get('/stocks/')).body), [['AAPL', '15', '€302.17', '€4,532.55']], 'CURRENCY reaches the plugin')
})

t.test('each request\'s Accept-Language is negotiated on its own: 150 different headers, an empty one, a long one', async (t) => {
  const app = await build(t)
  const languages: unknown[] = []
  for (let i = 0; i < 150; i++) {
    languages.push((await app.inject({ url: '/add_stock', headers: { 'accept-language': `x-${i}, de;q=0.5` } })).headers['content-language'])
  }
  t.same(languages, Array(150).fill('de'), '150 different headers, each negotiated to German')
  t.equal((await app.inject({ url: '/add_stock', headers: { 'accept-language': '' } })).headers['content-language'], 'en', 'an empty header: the default')
  const long = `${'x-abcdefg, '.repeat(30)}de;q=0.1`
  t.equal((await app.inject({ url: '/add_stock', headers: { 'accept-language': long } })).headers['content-language'], 'de', 'a long header')
})

t.test('messages format plurals, numbers and dates with the locale\'s Intl objects, as a host writes them', async (t) => {
  const de = locale('de', 'EUR')
  const en = locale('en', 'USD')
  t.equal(en.say('list.clearExplanation', { count: 1 }), 'This removes the one holding from this browser.', 'not "all 1 holdings"')
  t.equal(en.say('list.clearExplanation', { count: 1234 }), 'This removes all 1,234 holdings from this browser.')
  t.equal(de.say('list.clearExplanation', { count: 1 }), 'Damit wird der eine Kauf aus diesem Browser entfernt.')
  t.equal(de.say('list.clearExplanation', { count: 1234 }), 'Damit werden alle 1.234 Käufe aus diesem Browser entfernt.', '# in the locale\'s grouping')
  t.equal(de.say('list.clearExplanation', { count: 2 }), 'Damit werden alle 2 Käufe aus diesem Browser entfernt.', 'the same rules again')
  const { messages } = resolveLanguage({ locales: ['en'] }).locales[0] as { messages: Parameters<typeof makeLocale>[1] }
  const host = makeLocale('en', { ...messages, 'list.clearExplanation': '{count, number, percent} {count, date, ::yyyy} {count, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}' }, 'USD')
  const at = 1_700_000_000_000
  t.equal(host.say('list.clearExplanation', { count: 0.5 }), `50% ${new Intl.DateTimeFormat('en', { year: 'numeric' }).format(0.5)} 0.5th`)
  t.equal(host.say('list.clearExplanation', { count: at }).split(' ')[1], new Intl.DateTimeFormat('en', { year: 'numeric' }).format(at), 'a date as the host asked')
  t.equal(host.say('list.clearExplanation', { count: 2 }).split(' ')[2], '2nd', 'ordinal rules beside the cardinal ones')
})
