import { type Holding, SYMBOL_SOURCE } from './holding.js'
import { DECIMAL_SOURCE, moneyFromDigits, toDecimalString } from './money.js'

// The portfolio travels in a cookie that browsers cap at 4096 bytes, so it is stored as one
// compact string, "AAPL 15 302.17,SBUX 100 87.56": about 16 bytes a holding, nothing for JSON
// to escape, and cheap to parse on every request.

const RECORD = ','
const FIELD = ' '
// Symbols are stored uppercased: the symbol grammar without its lowercase letters. The
// expression is sticky (y): each match starts where the last ended, so the records are read
// in one pass, without splitting the string first.
const STORED_HOLDING = new RegExp(`(${SYMBOL_SOURCE.replaceAll('a-z', '')}) ([1-9]\\d{0,9}) ${DECIMAL_SOURCE}(?:${RECORD}|$)`, 'y')

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

/**
 * Reads an encoded portfolio. The string comes out of an authenticated cookie, so only this
 * module wrote it; a record that does not parse (a future format, say) is dropped, not thrown.
 */
export function decodePortfolio (encoded: string | undefined): Holding[] {
  if (encoded === undefined || encoded === '') return []
  const holdings: Holding[] = []
  STORED_HOLDING.lastIndex = 0
  while (STORED_HOLDING.lastIndex < encoded.length) {
    const at = STORED_HOLDING.lastIndex
    const match = STORED_HOLDING.exec(encoded)
    if (match === null) {
      const next = encoded.indexOf(RECORD, at)
      if (next === -1) break
      STORED_HOLDING.lastIndex = next + 1
      continue
    }
    holdings.push({ symbol: match[1] as string, shares: Number(match[2]), price: moneyFromDigits(match[3] as string, match[4]) })
  }
  return holdings
}
