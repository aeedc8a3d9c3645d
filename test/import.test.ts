import t from 'tap'
import fc from 'fast-check'
import Fastify from 'fastify'
import stockPortfolio from '../src/index.js'
import { toDecimalString } from '../src/portfolio/money.js'
import { build, Browser, csrfToken, holdingCount, KEY_A, setCookies, VALID } from './helper.js'
import { anyHolding } from './csv.test.js'
import { BOUNDARY, upload } from './upload-helper.js'

async function importFile (browser: Browser, file: string | Buffer | undefined, fields: Record<string, string> = {}, base = '') {
  const token = csrfToken((await browser.get(`${base}/stocks/import`)).body)
  const { payload, headers } = upload({ _csrf: token, ...fields }, file)
  return browser.request({ method: 'POST', url: `${base}/stocks/import`, payload: payload as unknown as string, headers })
}

t.test('the import page: a file input, append or replace, a CSRF token', async (t) => {
  const browser = new Browser(await build(t))
  const page = await browser.get('/stocks/import')
  t.equal(page.statusCode, 200)
  t.match(page.body, '<form class="stock-form" method="post" action="/stocks/import" enctype="multipart/form-data">')
  t.match(page.body, '<input id="file" name="file" type="file" accept=".csv,text/csv" required')
  t.match(page.body, '<input type="radio" name="mode" value="append" checked>')
  t.match(page.body, /<a href="\/stocks\/import" aria-current="page">Import<\/a>/)
})

t.test('a good file is added to the portfolio, or replaces it', async (t) => {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', VALID)
  const added = await importFile(browser, 'symbol,shares,price\nSBUX,100,87.56\nMSFT,3,410\n')
  t.equal(added.statusCode, 302)
  t.equal(added.headers.location, '/stocks/')
  const list = await browser.get('/stocks/', { accept: 'application/json' })
  t.same(list.json().holdings.map((h: { symbol: string }) => h.symbol), ['AAPL', 'SBUX', 'MSFT'])
  t.match((await browser.get('/stocks/')).body, 'Imported 2 purchases.')
  const replaced = await importFile(browser, 'symbol,shares,price\nX,1,1\n', { mode: 'replace' })
  t.equal(replaced.statusCode, 302)
  t.same((await browser.get('/stocks/', { accept: 'application/json' })).json().holdings, [{ symbol: 'X', shares: 1, price: '1.00', cost: '1.00' }])
  t.match((await browser.get('/stocks/')).body, 'Imported 1 purchase, replacing the portfolio.')
})

t.test('a bad file is refused whole, a message per bad line, the choice kept, the session untouched', async (t) => {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', VALID)
  await browser.get('/stocks/')
  const before = browser.cookies.get('portfolio')
  const cases: Array<[string, string | Buffer | undefined, number, string]> = [
    ['bad lines', 'symbol,shares,price\nSBUX,100,87.56\nMSFT,1.5,410\n7UP,1,1\n', 400, 'line 3: the number of shares is a whole number from 1 to 1,000,000,000'],
    ['no file', undefined, 400, 'Choose a CSV file to import.'],
    ['an empty file', '', 400, 'Choose a CSV file to import.'],
    ['not UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x41]), 400, 'The file is not text in UTF-8'],
    ['no header', 'AAPL,15,302.17\n', 400, 'line 1: the header must name the columns symbol, shares and price']
  ]
  for (const [name, file, status, message] of cases) {
    const response = await importFile(browser, file, { mode: 'replace' })
    t.equal(response.statusCode, status, `${name}: ${status}`)
    t.match(response.body, message, name)
    t.match(response.body, '<input type="radio" name="mode" value="replace" checked>', `${name}: the choice is kept`)
    t.equal(setCookies(response).size, 0, `${name}: nothing saved`)
  }
  const bad = await importFile(browser, 'symbol,shares,price\nSBUX,100,87.56\nMSFT,1.5,410\n7UP,1,1\n')
  t.match(bad.body, 'Nothing was imported: the file has 2 problems.')
  t.match(bad.body, '<li>line 4: a stock symbol is a letter followed by up to 9')
  t.equal(browser.cookies.get('portfolio'), before)
  t.equal(await holdingCount(browser), 1)
})

t.test('the upload is bounded: one file of at most 16 KiB and the form\'s fields; only the import takes multipart', async (t) => {
  const browser = new Browser(await build(t))
  const token = csrfToken((await browser.get('/stocks/import')).body)
  const big = `symbol,shares,price\n${'AAPL,1,1\n'.repeat(2100)}`
  const tooLarge = await importFile(browser, big)
  t.equal(tooLarge.statusCode, 413)
  t.match(tooLarge.body, 'The file was larger than 16 KiB, so it was not read.')
  // Beyond the whole body's limit, not only the file's: Fastify refuses it before the parser.
  const shouted = upload({ _csrf: token }, big.repeat(2))
  const tooLargeShouted = await browser.request({ method: 'POST', url: '/stocks/import', payload: shouted.payload as unknown as string, headers: { 'content-type': `Multipart/Form-Data; boundary=${BOUNDARY}` } })
  t.equal(tooLargeShouted.statusCode, 413)
  t.match(tooLargeShouted.body, 'The file was larger than 16 KiB', 'a media type is the same in any case')
  const { payload, headers } = upload({ _csrf: token, a: '1', b: '2', c: '3', d: '4' }, 'symbol,shares,price\nA,1,1\n')
  const fields = await browser.request({ method: 'POST', url: '/stocks/import', payload: payload as unknown as string, headers })
  t.equal(fields.statusCode, 400, 'more fields than the form has')
  const other = await browser.request({ method: 'POST', url: '/stocks/import', ...upload({ _csrf: token, note: 'x' }, 'symbol,shares,price\nA,1,1\n') } as never)
  t.equal(other.statusCode, 400, 'a field the form does not have')
  const renamed = upload({ _csrf: token }, 'symbol,shares,price\nA,1,1\n')
  const otherFile = await browser.request({ method: 'POST', url: '/stocks/import', payload: renamed.payload.toString().replace('name="file"', 'name="attachment"'), headers: renamed.headers })
  t.equal(otherFile.statusCode, 400, 'a file under another name')
  const repeated = upload({ _csrf: token }, 'symbol,shares,price\nB,1,1\n')
  const withRepeat = Buffer.concat([Buffer.from(`------portfolio-test-boundary\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`), repeated.payload])
  const repeatedToken = await browser.request({ method: 'POST', url: '/stocks/import', payload: withRepeat as unknown as string, headers: repeated.headers })
  t.equal(repeatedToken.statusCode, 400, 'a field twice')
  t.match(fields.body, 'The upload was not the import form: one file, the choice of adding or replacing, and the form&#x27;s token. Nothing was changed.')
  const broken = await browser.request({ method: 'POST', url: '/stocks/import', payload: 'not multipart at all', headers: { 'content-type': 'multipart/form-data' } })
  t.equal(broken.statusCode, 400, 'no boundary')
  const garbage = await browser.request({ method: 'POST', url: '/stocks/import', payload: '--x\r\ngarbage', headers: { 'content-type': 'multipart/form-data; boundary=x' } })
  t.equal(garbage.statusCode, 400, 'a body that ends inside a part')
  const elsewhere = await browser.request({ method: 'POST', url: '/add_stock', ...upload({ _csrf: token, ...VALID }) } as never)
  t.equal(elsewhere.statusCode, 415, 'the other forms still take urlencoded bodies only')
  const forged = await browser.request({ method: 'POST', url: '/stocks/import', ...upload({ _csrf: 'forged' }, 'symbol,shares,price\nA,1,1\n') } as never)
  t.equal(forged.statusCode, 403, 'a forged token')
  t.equal(await holdingCount(browser), 0)
})

t.test('a file that does not fit beside the portfolio: 409, how many would fit, nothing saved', async (t) => {
  const browser = new Browser(await build(t))
  for (let i = 0; i < 100; i++) await browser.submit('/add_stock', { stock_symbol: `S${String(i).padStart(3, '0')}`, number_of_shares: '150', purchase_price: '302.17' })
  const file = `symbol,shares,price\n${Array.from({ length: 150 }, (_, i) => `T${String(i).padStart(3, '0')},150,302.17`).join('\n')}\n`
  const refused = await importFile(browser, file)
  t.equal(refused.statusCode, 409)
  const room = Number(/room for (\d+) more beside the 100 purchases already there/.exec(refused.body)?.[1])
  t.ok(room > 50 && room < 150, `room for ${room} more`)
  t.match(refused.body, 'The file has 150 purchases, but one browser cookie has room for')
  t.equal(await holdingCount(browser), 100)
  // The last purchase's message is still unread; a save replaces it, so it takes no room.
  const oneMore = `symbol,shares,price\n${file.split('\n').slice(1, room + 2).join('\n')}\n`
  t.equal((await importFile(browser, oneMore)).statusCode, 409, `${room + 1} purchases do not fit: the room said is exact`)
  const fits = `symbol,shares,price\n${file.split('\n').slice(1, room + 1).join('\n')}\n`
  t.equal((await importFile(browser, fits)).statusCode, 302, `${room} purchases do fit`)
  t.equal(await holdingCount(browser), 100 + room)
  const tooMany = `symbol,shares,price\n${Array.from({ length: 250 }, (_, i) => `U${String(i).padStart(3, '0')},150,302.17`).join('\n')}\n`
  const replacing = await importFile(browser, tooMany, { mode: 'replace' })
  t.equal(replacing.statusCode, 409)
  t.match(replacing.body, /The file has 250 purchases, but one browser cookie has room for \d+ more\. Nothing was imported\./, 'replacing: no "beside"')
  t.equal((await importFile(browser, file, { mode: 'replace' })).statusCode, 302, 'replacing, the 150 fit')
  t.equal(await holdingCount(browser), 150)
})

t.test('round trip: export, then import into an empty browser, gives the same portfolio byte for byte', async (t) => {
  const app = await build(t)
  await fc.assert(fc.asyncProperty(fc.array(anyHolding, { minLength: 1, maxLength: 30 }), async (holdings) => {
    const source = new Browser(app)
    const token = csrfToken((await source.get('/add_stock')).body)
    for (const { symbol, shares, price } of holdings) {
      const fields = { stock_symbol: symbol, number_of_shares: String(shares), purchase_price: toDecimalString(price, 0), _csrf: token }
      const added = await source.postRaw('/add_stock', new URLSearchParams(fields).toString())
      if (added.statusCode !== 302) throw new Error(`adding ${JSON.stringify(fields)} answered ${added.statusCode}`)
    }
    const before = (await source.get('/stocks/', { accept: 'application/json' })).body
    const csv = (await source.get('/stocks/portfolio.csv')).body
    const target = new Browser(app)
    const imported = await importFile(target, csv)
    if (imported.statusCode !== 302) throw new Error(`import answered ${imported.statusCode}: ${imported.body.slice(0, 300)}`)
    const after = (await target.get('/stocks/', { accept: 'application/json' })).body
    if (after !== before) throw new Error(`${before}\n!==\n${after}`)
  }), { numRuns: 30 })
  t.pass('30 random portfolios')
})

t.test('under a prefix in a host app', async (t) => {
  const app = Fastify()
  await app.register(stockPortfolio, { prefix: '/p', key: KEY_A })
  t.teardown(() => app.close())
  const browser = new Browser(app)
  t.match((await browser.get('/p/stocks/import')).body, 'action="/p/stocks/import"')
  t.equal((await importFile(browser, 'symbol,shares,price\nA,1,1\n', {}, '/p')).headers.location, '/p/stocks/')
  t.equal(await holdingCount(browser, '/p/stocks/'), 1)
})

t.test('a file full of errors: the page names the first 20 and counts the rest, and stays small', async (t) => {
  const browser = new Browser(await build(t))
  const refused = await importFile(browser, `symbol,shares,price\n${'1,x,-\n'.repeat(500)}`)
  t.equal(refused.statusCode, 400)
  t.match(refused.body, 'Nothing was imported: the file has 1,500 problems.')
  t.equal(refused.body.match(/<li>line \d+: /g)?.length, 20, 'twenty problems named')
  t.match(refused.body, '<li>line 2: a stock symbol is a letter')
  t.match(refused.body, '<li>and 1,480 more problems</li>')
  t.ok(refused.body.length < 8192, `the page is ${refused.body.length} bytes`)
  const worst = await importFile(browser, `symbol,shares,price\n${',\n'.repeat(8000)}`)
  t.equal(worst.statusCode, 400, 'a 16 KiB file of empty purchases')
  t.match(worst.body, 'the file has more than 500 purchases, more than one browser cookie can hold')
  t.ok(worst.body.length < 8192, `the page is ${worst.body.length} bytes`)
})
