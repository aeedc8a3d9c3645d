import t from 'tap'
import fc from 'fast-check'
import { CSV_HEADER, type CsvImport, csvProblemMessages, MAX_IMPORT_PURCHASES, PROBLEMS_NAMED, portfolioCsv, readPortfolioCsv as readFile } from '../src/portfolio/portfolio-csv.js'
import { MAX_PRICE, MAX_SHARES, type Holding } from '../src/portfolio/holding.js'
import { build, Browser, english, VALID } from './helper.js'
import { tripwire } from './tripwire.js'

/** The import's result with its problems in English, as the page shows them. */
async function readPortfolioCsv (text: string): Promise<{ ok: true, holdings: Holding[] } | { ok: false, errors: string[], problems: number }> {
  const result = await readFile(text)
  return result.ok ? result : { ok: false, errors: csvProblemMessages(result, english), problems: result.problems }
}

/** Every holding validation allows: the symbol grammar, 1 to 1e9 shares, a price above 0 up to MAX_PRICE. */
export const anyHolding: fc.Arbitrary<Holding> = fc.record({
  symbol: fc.stringMatching(/^[A-Z][A-Z0-9.-]{0,9}$/),
  shares: fc.integer({ min: 1, max: MAX_SHARES }),
  price: fc.integer({ min: 1, max: MAX_PRICE })
})

t.test('the export: header, one line per purchase in the order added, exact decimals, CRLF', async (t) => {
  t.equal(portfolioCsv([
    { symbol: 'AAPL', shares: 15, price: 3_021_700 },
    { symbol: 'BRK.B', shares: 1_000_000, price: 12_345 }
  ]), 'symbol,shares,price,cost\r\nAAPL,15,302.17,4532.55\r\nBRK.B,1000000,1.2345,1234500.00\r\n')
  t.equal(portfolioCsv([]), `${CSV_HEADER}\r\n`)
})

t.test('no cell of any export can start with = + - @ (formula injection), for every value validation allows', async (t) => {
  fc.assert(fc.property(fc.array(anyHolding, { maxLength: 20 }), (holdings) => {
    for (const line of portfolioCsv(holdings).split('\r\n').slice(1, -1)) {
      for (const cell of line.split(',')) {
        if (/^[=+\-@\t\r]/.test(cell)) throw new Error(`a cell starts with ${cell[0] as string}: ${line}`)
      }
    }
  }), { numRuns: 1000 })
  t.pass('1000 portfolios')
})

t.test('import reads the export and any file with symbol, shares and price in any order', async (t) => {
  t.same(await readPortfolioCsv('symbol,shares,price,cost\r\nAAPL,15,302.17,4532.55\r\n'), { ok: true, holdings: [{ symbol: 'AAPL', shares: 15, price: 3_021_700 }] })
  t.same(await readPortfolioCsv('\uFEFFPrice, Symbol ,Shares,Note\n"1,000.5",aapl,2,"bought ""early"""\n\n0.5,x,1\r'), {
    ok: false, errors: ['line 2: the purchase price is a number of dollars above 0 and up to $1,000,000.00, with at most 4 decimals, like 302.17'], problems: 1
  }, 'quoted cells, a BOM, other columns, mixed line ends; a line number names the bad line')
  t.same(await readPortfolioCsv('Price, Symbol ,Shares\n1000.5,aapl,2\n0.5,x,1\n'), {
    ok: true, holdings: [{ symbol: 'AAPL', shares: 2, price: 10_005_000 }, { symbol: 'X', shares: 1, price: 5_000 }]
  })
})

t.test('import refuses a bad file whole, with one message per bad line and field', async (t) => {
  const result = await readPortfolioCsv('symbol,shares,price\nAAPL,15,302.17\n1AB,0,302.17\nMSFT,,-1\nOK,1\n')
  t.same(result, {
    ok: false,
    errors: [
      'line 3: a stock symbol is a letter followed by up to 9 letters, digits, dots or dashes, like AAPL or BRK.B',
      'line 3: the number of shares is a whole number from 1 to 1,000,000,000',
      'line 4: the number of shares is missing',
      'line 4: the purchase price is a number of dollars above 0 and up to $1,000,000.00, with at most 4 decimals, like 302.17',
      'line 5: the purchase price is missing'
    ],
    problems: 5
  })
  t.same(await readPortfolioCsv(''), { ok: false, errors: ['the file is empty'], problems: 1 })
  t.same(await readPortfolioCsv('symbol,shares,price\n'), { ok: false, errors: ['the file has a header but no purchases'], problems: 1 })
  t.same(await readPortfolioCsv('ticker,qty,price\nAAPL,1,1\n'), { ok: false, errors: ['line 1: the header must name the columns symbol, shares and price (missing: symbol, shares)'], problems: 1 })
  t.same(await readPortfolioCsv('symbol,shares,price\n"AAPL,1,1\n'), { ok: false, errors: ['the file is not CSV: line 2: a quoted cell is not closed'], problems: 1 })
  t.same(await readPortfolioCsv('symbol,shares,price\n\n"AAPL"x,1,1\n'), { ok: false, errors: ['the file is not CSV: line 3: a quoted cell has text after its closing quote'], problems: 1 })
  t.same(await readPortfolioCsv('symbol,shares,price\r\n"A\nB",1,1\r\nC,0,1\r\n'), {
    ok: false,
    errors: [
      'line 2: a stock symbol is a letter followed by up to 9 letters, digits, dots or dashes, like AAPL or BRK.B',
      'line 4: the number of shares is a whole number from 1 to 1,000,000,000'
    ],
    problems: 2
  }, 'a line break inside a quoted cell: the next record is named by the line it starts on')
  t.same(await readPortfolioCsv('note,symbol,shares,price\nonly a note\n'), {
    ok: false,
    errors: ['line 2: the stock symbol is missing', 'line 2: the number of shares is missing', 'line 2: the purchase price is missing'],
    problems: 3
  }, 'a line shorter than the header: its missing cells are missing values')
  const longest = `symbol,shares,price\n${'A,1,1\n'.repeat(MAX_IMPORT_PURCHASES)}`
  t.equal((await readPortfolioCsv(longest)).ok, true, `${MAX_IMPORT_PURCHASES} purchases are read`)
  const many = await readPortfolioCsv(`symbol,shares,price\n${'1,x,-\n'.repeat(MAX_IMPORT_PURCHASES)}`)
  t.match(many, { ok: false, problems: 3 * MAX_IMPORT_PURCHASES }, 'every problem counted')
  t.equal(many.ok === false && many.errors.length, PROBLEMS_NAMED, 'the first ones named')
  t.same(await readPortfolioCsv(`${longest}\n\nA,1,1\n`), { ok: false, errors: [`the file has more than ${MAX_IMPORT_PURCHASES} purchases, more than one browser cookie can hold`], problems: 1 })
})

t.test('GET /stocks/portfolio.csv downloads the portfolio: attachment, dated name, no-store', async (t) => {
  const browser = new Browser(await build(t))
  await browser.submit('/add_stock', VALID)
  await browser.submit('/add_stock', { stock_symbol: 'brk.b', number_of_shares: '1000000', purchase_price: '1.2345' })
  const response = await browser.get('/stocks/portfolio.csv')
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'text/csv; charset=utf-8; header=present')
  t.match(response.headers['content-disposition'], /^attachment; filename="portfolio-\d{4}-\d{2}-\d{2}\.csv"$/)
  t.equal(response.headers['cache-control'], 'no-store')
  t.equal(response.body, 'symbol,shares,price,cost\r\nAAPL,15,302.17,4532.55\r\nBRK.B,1000000,1.2345,1234500.00\r\n')
  t.match((await browser.get('/stocks/')).body, '<a href="/stocks/portfolio.csv">Export CSV</a>')
  t.equal((await new Browser(browser.app).get('/stocks/portfolio.csv')).body, `${CSV_HEADER}\r\n`, 'another browser: an empty file')
})

t.test('a line shorter than the header: the cells it lacks are missing', async (t) => {
  t.same(await readPortfolioCsv('price,shares,symbol\n1\n'), {
    ok: false,
    errors: ['line 2: the stock symbol is missing', 'line 2: the number of shares is missing'],
    problems: 2
  })
})

t.test('a header with commas and semicolons both is read as comma-separated, with a decimal point', async (t) => {
  t.same(await readPortfolioCsv('symbol,shares,price,note;remark\nAAPL,15,302.17,bought;early\n'), {
    ok: true, holdings: [{ symbol: 'AAPL', shares: 15, price: 3_021_700 }]
  }, 'the semicolons are text inside cells')
  t.match(await readFile('symbol,shares,price;note\nAAPL,15,302.17\n'), { ok: false, errors: [{ key: 'csv.header', line: 1, missing: ['price'] }], decimalComma: false }, 'a semicolon beside commas separates nothing: "price;note" is one column')
  t.match(await readFile('symbol,shares,price,note;remark\nAAPL,15,"302,17",x\n'), { ok: false, errors: [{ key: 'csv.invalid.purchase_price', line: 2 }], decimalComma: false }, 'nor does it make the price\'s decimal separator a comma')
})

t.test('a bare CR between two records ends the line, as old Mac spreadsheets write them', async (t) => {
  t.same(await readPortfolioCsv('symbol,shares,price\nAAPL,15,302.17\rMSFT,2,1\n'), {
    ok: true, holdings: [{ symbol: 'AAPL', shares: 15, price: 3_021_700 }, { symbol: 'MSFT', shares: 2, price: 10_000 }]
  }, 'LF elsewhere, a CR alone between the two purchases')
  t.same(await readPortfolioCsv('symbol,shares,price\rAAPL,15,302.17\rMSFT,0,1\rIBM,1,1'), {
    ok: false, errors: ['line 3: the number of shares is a whole number from 1 to 1,000,000,000'], problems: 1
  }, 'CR alone throughout: the bad record is named by its line')
})

// The file's text is untrusted: whatever it holds, the reader answers a result the page can
// show, and nothing escapes it as an exception, thrown or uncaught (papaparse runs callbacks).

const STORED_SYMBOL = /^[A-Z][A-Z0-9.-]{0,9}$/
const positiveInteger = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 1

/**
 * What is wrong with a result read from `text`, or undefined when it is well formed: valid
 * holdings, no more than the cap; or named problems, no more than shown, each on a line the
 * file has, and their English messages.
 */
function malformation (text: string, result: CsvImport): string | undefined {
  if (result.ok) {
    if (result.holdings.length === 0 || result.holdings.length > MAX_IMPORT_PURCHASES) return `${result.holdings.length} holdings`
    const bad = result.holdings.find(({ symbol, shares, price }) =>
      !STORED_SYMBOL.test(symbol) || !positiveInteger(shares) || shares > MAX_SHARES || !positiveInteger(price) || price > MAX_PRICE)
    return bad === undefined ? undefined : `a holding validation refuses: ${JSON.stringify(bad)}`
  }
  const lines = text.split(/\r\n?|\n/).length
  if (result.errors.length === 0 || result.errors.length > PROBLEMS_NAMED) return `${result.errors.length} problems named`
  if (!positiveInteger(result.problems) || result.problems < result.errors.length) return `${result.problems} problems counted`
  if (typeof result.decimalComma !== 'boolean') return 'decimalComma is not a boolean'
  const badLine = result.errors.find((problem) => 'line' in problem && !(positiveInteger(problem.line) && problem.line <= lines))
  if (badLine !== undefined) return `a problem on a line the file has not (${lines} lines): ${JSON.stringify(badLine)}`
  const messages = csvProblemMessages(result, english)
  if (messages.length !== result.errors.length || messages.some((message) => typeof message !== 'string' || message === '')) return `messages ${JSON.stringify(messages)}`
  return undefined
}

/** Reads `text`: what went wrong (a throw, or a malformed result), and whether it was taken. */
async function attack (text: string): Promise<{ problem?: string, taken: boolean }> {
  try {
    const result = await readFile(text)
    return { problem: malformation(text, result), taken: result.ok }
  } catch (error) {
    return { problem: `threw ${String(error)}`, taken: false }
  }
}

const SPREADSHEET_CSV = '\uFEFFSymbol;Shares;Price;Note\r\n"aapl";15;"302,17";"said ""buy""; twice"\r\nMSFT;"2";410\r\n\r\n"BRK.B";1000000;1,2345\r\n'

t.test('every prefix of a file with a BOM, quotes, semicolons and CRLF: a well-formed result, nothing thrown', async (t) => {
  const escaped = tripwire(t)
  t.same(await readPortfolioCsv(SPREADSHEET_CSV), {
    ok: true,
    holdings: [{ symbol: 'AAPL', shares: 15, price: 3_021_700 }, { symbol: 'MSFT', shares: 2, price: 4_100_000 }, { symbol: 'BRK.B', shares: 1_000_000, price: 12_345 }]
  }, 'the whole file is read, so its prefixes are cuts of a good file')
  const wrong: string[] = []
  let accepted = 0
  for (let cut = 0; cut <= SPREADSHEET_CSV.length; cut++) {
    const prefix = SPREADSHEET_CSV.slice(0, cut)
    const { problem, taken } = await attack(prefix)
    if (problem !== undefined) wrong.push(`${cut} ${JSON.stringify(prefix)}: ${problem}`)
    if (taken) accepted++
  }
  t.same(wrong, [], `each of ${SPREADSHEET_CSV.length + 1} prefixes`)
  t.ok(accepted > 0, `${accepted} prefixes were read as purchases, so both kinds of result were checked`)
  await new Promise((resolve) => setImmediate(resolve))
  t.same(escaped(), [], 'nothing escaped')
})

t.test('random text, and a good file with random text spliced in: a well-formed result, nothing thrown', async (t) => {
  const escaped = tripwire(t)
  const piece = fc.oneof(
    fc.constantFrom('"', '""', ',', ';', '\r', '\n', '\r\n', '\uFEFF', ' ', '\t', '\u0000', 'symbol', 'shares', 'price', 'AAPL', '1', '0', '-1', '1,5', '1.5', '1e3', '\uD800', '\u2028'),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 6 })
  )
  const garbage = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''))
  const headed = fc.tuple(fc.constantFrom('symbol,shares,price\n', 'symbol;shares;price\r\n', '\uFEFFprice,symbol,shares\r'), garbage).map(([header, rest]) => header + rest)
  const spliced = fc.tuple(fc.nat({ max: SPREADSHEET_CSV.length }), garbage).map(([at, text]) => SPREADSHEET_CSV.slice(0, at) + text + SPREADSHEET_CSV.slice(at))
  await fc.assert(fc.asyncProperty(fc.oneof(garbage, headed, spliced), async (text) => {
    const { problem } = await attack(text)
    if (problem !== undefined) throw new Error(problem)
  }), { numRuns: 1000 })
  t.pass('1000 texts')
  await new Promise((resolve) => setImmediate(resolve))
  t.same(escaped(), [], 'nothing escaped')
})
