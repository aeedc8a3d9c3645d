import { type Holding, SYMBOL_SOURCE } from './holding.js'
import { parseMoney, toDecimalString } from './money.js'

// The portfolio travels in a cookie that browsers cap at 4096 bytes, so it is stored as one
// compact string, "AAPL 15 302.17,SBUX 100 87.56": about 16 bytes a holding, nothing for JSON
// to escape.

const SEPARATOR = ','
/** A stored record's symbol (stored uppercased), shares and price, the price read by parseMoney. */
const RECORD = new RegExp(`^(${SYMBOL_SOURCE.replaceAll('a-z', '')}) ([1-9]\\d{0,9}) (\\S+)$`)

export function encodeHolding ({ symbol, shares, price }: Holding): string {
  return `${symbol} ${shares} ${toDecimalString(price, 0)}`
}

/** Appends one holding to an encoded portfolio. */
export function appendHolding (encoded: string, holding: Holding): string {
  return encoded === '' ? encodeHolding(holding) : encoded + SEPARATOR + encodeHolding(holding)
}

export function encodePortfolio (holdings: readonly Holding[]): string {
  return holdings.map(encodeHolding).join(SEPARATOR)
}

/**
 * Reads an encoded portfolio, in the order added. The string comes out of an authenticated
 * cookie, so only this module wrote it; a record that does not parse (a future format, say) is
 * dropped, not thrown.
 */
export function decodePortfolio (encoded: string | undefined): Holding[] {
  const holdings: Holding[] = []
  if (encoded === undefined || encoded === '') return holdings
  for (const record of encoded.split(SEPARATOR)) {
    const [, symbol, shares, priceText] = RECORD.exec(record) ?? []
    const price = parseMoney(priceText ?? '')
    if (symbol !== undefined && price !== undefined) holdings.push({ symbol, shares: Number(shares), price })
  }
  return holdings
}
