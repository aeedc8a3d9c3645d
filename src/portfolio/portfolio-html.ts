import { holdingCost, type Holding } from './holding.js'
import { encodeRecord } from './portfolio-codec.js'
import { formatCount, formatMoney } from './money.js'
import { formatShare, type Position } from './positions.js'

// The table rows of the list page, as HTML, without classes: the stylesheet places cells by
// their column (public/portfolio.css). They are most of the page and were most of its
// cost as a handlebars loop (a property lookup with prototype checks per cell), so they are
// written here, each value escaped. Amounts and counts come from this project's formatters
// (digits, "," "." "$" "%"); a symbol matches its grammar; both are escaped all the same.

const SPECIAL = /[&<>"']/
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml (text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (character) => ESCAPES[character] as string) : text
}

/**
 * Purchases, each with its Remove button naming the row by its place and its stored record.
 * The record's only text is the symbol, so the escaped symbol makes an escaped record.
 */
export function purchaseRows (rows: ReadonlyArray<{ holding: Holding, index: number }>): string {
  let html = ''
  for (const { holding, index } of rows) {
    const symbol = escapeHtml(holding.symbol)
    const shares = formatCount(holding.shares)
    const price = formatMoney(holding.price)
    html += `<tr><td>${symbol}</td><td>${shares}</td><td>${price}</td><td>${formatMoney(holdingCost(holding))}</td>` +
      `<td><button name="holding" value="${index} ${encodeRecord(symbol, holding.shares, holding.price)}" aria-label="Remove ${symbol}: ${shares} at ${price}">Remove</button></td></tr>\n`
  }
  return html
}

export function positionRows (positions: readonly Position[]): string {
  let html = ''
  for (const position of positions) {
    html += `<tr><td>${escapeHtml(position.symbol)}</td><td>${formatCount(position.shares)}</td><td>${formatMoney(position.averagePrice)}</td>` +
      `<td>${formatMoney(position.cost)}</td><td>${position.purchases}</td><td>${formatShare(position.share)}%</td></tr>\n`
  }
  return html
}
