import { type Holding, holdingCost, SYMBOL_SOURCE } from './holding.js'
import { add, type Amount, DECIMAL_SOURCE, FRACTION_SCALES, toDecimalString } from './money.js'

// The portfolio travels in a cookie that browsers cap at 4096 bytes, so it is stored as one
// compact string, "AAPL 15 302.17,SBUX 100 87.56": about 16 bytes a holding, nothing for JSON
// to escape, and cheap to parse on every request.

const RECORD = ','
const FIELD = ' '
// Symbols are stored uppercased: the symbol grammar without its lowercase letters.
const STORED_RECORD = `${SYMBOL_SOURCE.replaceAll('a-z', '')} [1-9]\\d{0,9} ${DECIMAL_SOURCE}`
/** A portfolio whose every record is well formed, the usual case: checked in one pass. */
const STORED_PORTFOLIO = new RegExp(`^${STORED_RECORD}(?:${RECORD}${STORED_RECORD})*$`)
/** Sticky (y): checks the record that starts at lastIndex, comma included. */
const STORED_HOLDING = new RegExp(`${STORED_RECORD}(?:${RECORD}|$)`, 'y')
const SPACE = 32
const COMMA = 44
const POINT = 46
const ZERO = 48

export function encodeHolding (holding: Holding): string {
  return encodeRecord(holding.symbol, holding.shares, holding.price)
}

/** One stored record from its fields; the list page writes it with the symbol escaped. */
export function encodeRecord (symbol: string, shares: number, price: number): string {
  return symbol + FIELD + shares + FIELD + toDecimalString(price, 0)
}

/** Appends one holding to an encoded portfolio. */
export function appendHolding (encoded: string, holding: Holding): string {
  return encoded === '' ? encodeHolding(holding) : encoded + RECORD + encodeHolding(holding)
}

export function encodePortfolio (holdings: readonly Holding[]): string {
  return holdings.map(encodeHolding).join(RECORD)
}

/** A stored portfolio, read for one page of the list. */
export interface PortfolioRead {
  /** The purchases at the places asked for, in the order added. */
  holdings: Holding[]
  /** How many purchases it holds, and what they cost in all. */
  count: number
  total: Amount
}

/**
 * Reads an encoded portfolio. The string comes out of an authenticated cookie, so only this
 * module wrote it; a record that does not parse (a future format, say) is dropped, not thrown.
 */
export function decodePortfolio (encoded: string | undefined): Holding[] {
  return readPortfolio(encoded, 0, Infinity).holdings
}

/** How many purchases an encoded portfolio holds, read without an object for any of them. */
export function countPortfolio (encoded: string | undefined): number {
  return readPortfolio(encoded, 0, 0).count
}

/**
 * Reads the purchases at places `first` to `end` - 1 into objects, and of every purchase only
 * the count and the cost: a full cookie holds up to 491 purchases and a page shows 50, and
 * making objects of the others was 4 to 9% of a full list's cost under load.
 */
export function readPortfolio (encoded: string | undefined, first: number, end: number): PortfolioRead {
  const read: PortfolioRead = { holdings: [], count: 0, total: 0 }
  if (encoded === undefined) return read
  // Usually every record is well formed, checked in one pass; otherwise each is checked alone.
  const checked = STORED_PORTFOLIO.test(encoded)
  let at = 0
  while (at < encoded.length) {
    if (!checked) {
      STORED_HOLDING.lastIndex = at
      if (!STORED_HOLDING.test(encoded)) {
        const next = encoded.indexOf(RECORD, at)
        if (next === -1) break
        at = next + 1
        continue
      }
    }
    const next = readRecord(encoded, at)
    if (read.count >= first && read.count < end) {
      read.holdings.push({ symbol: encoded.slice(at, fields.symbolEnd), shares: fields.shares, price: fields.price })
    }
    read.count++
    read.total = add(read.total, holdingCost(fields))
    at = next
  }
  return read
}

/** Where readRecord leaves a record's fields: one object, reused, so that reading allocates nothing. */
const fields = { symbolEnd: 0, shares: 0, price: 0 }

/**
 * Reads the record at `at`, already checked by one of the expressions, into `fields` and
 * returns where the next one starts. One pass, digit by digit: no match array, substrings
 * or number parsing per record, which were most of the cost of a full cookie (491 records).
 */
function readRecord (encoded: string, at: number): number {
  let i = at
  while (encoded.charCodeAt(i) !== SPACE) i++
  fields.symbolEnd = i
  let shares = 0
  for (let code = encoded.charCodeAt(++i); code !== SPACE; code = encoded.charCodeAt(++i)) shares = shares * 10 + code - ZERO
  // The price's digits as one integer, then scaled by the decimals it had.
  let digits = 0
  let decimals = 0
  let point = false
  for (i++; i < encoded.length; i++) {
    const code = encoded.charCodeAt(i)
    if (code === COMMA) break
    if (code === POINT) {
      point = true
    } else {
      digits = digits * 10 + code - ZERO
      if (point) decimals++
    }
  }
  fields.shares = shares
  fields.price = digits * (FRACTION_SCALES[decimals] as number)
  return i + 1
}
