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
 * The same text, as one string: V8 keeps a string built by concatenation as a tree of its
 * pieces, which each later use walks again. Reading a character flattens it, once, in place.
 */
function flat (text: string): string {
  text.charCodeAt(0)
  return text
}

/** A purchase's row in two parts, around its place in the order added. */
type WrittenRow = readonly [beforePlace: string, afterPlace: string]

/**
 * Purchase rows already written, by symbol, then shares, then price (numbers make cheaper keys
 * than a string built from all three). The list is shown again after every change, mostly
 * with the rows it had, and writing a row, then walking its pieces to send the page, was the
 * largest cost of a full list. A row depends on its purchase alone, so one written for any
 * visitor serves the next. When ROWS_KEPT are kept, they are dropped and it starts over.
 */
export const ROWS_KEPT = 2000
const writtenRows = new Map<string, Map<number, Map<number, WrittenRow>>>()
let rowsKept = 0

/** The Remove button names the row by its place and its stored record, whose only text is the symbol. */
function writeRow (holding: Holding): WrittenRow {
  const { shares, price } = holding
  const symbol = escapeHtml(holding.symbol)
  const count = formatCount(shares)
  const amount = formatMoney(price)
  return [
    flat(`<tr><td>${symbol}</td><td>${count}</td><td>${amount}</td><td>${formatMoney(holdingCost(holding))}</td><td><button name="holding" value="`),
    flat(` ${encodeRecord(symbol, shares, price)}" aria-label="Remove ${symbol}: ${count} at ${amount}">Remove</button></td></tr>\n`)
  ]
}

function rowOf (holding: Holding): WrittenRow {
  const { symbol, shares, price } = holding
  const kept = writtenRows.get(symbol)?.get(shares)?.get(price)
  if (kept !== undefined) return kept
  if (rowsKept === ROWS_KEPT) {
    writtenRows.clear()
    rowsKept = 0
  }
  let byShares = writtenRows.get(symbol)
  if (byShares === undefined) writtenRows.set(symbol, byShares = new Map())
  let byPrice = byShares.get(shares)
  if (byPrice === undefined) byShares.set(shares, byPrice = new Map())
  const row = writeRow(holding)
  byPrice.set(price, row)
  rowsKept++
  return row
}

/** Purchases, each with its Remove button naming the row by its place and its stored record. */
export function purchaseRows (rows: ReadonlyArray<{ holding: Holding, index: number }>): string {
  let html = ''
  for (const { holding, index } of rows) {
    const row = rowOf(holding)
    html += row[0] + index + row[1]
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
