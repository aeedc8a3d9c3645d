import { parse } from 'csv-parse/sync'
import { type FormField, type Holding, holdingCost, parseHolding } from './holding.js'
import { toDecimalString } from './money.js'

// The portfolio as a file a person keeps or moves to another browser: RFC 4180 CSV.

export const CSV_HEADER = 'symbol,shares,price,cost'

/**
 * One line per purchase, in the order added, exact decimals, CRLF line ends. No cell can start
 * with = + - @ (a spreadsheet would run it as a formula): a symbol starts with a letter and
 * every other cell with a digit, as validation guarantees.
 */
export function portfolioCsv (holdings: readonly Holding[]): string {
  const lines = holdings.map((holding) =>
    `${holding.symbol},${holding.shares},${toDecimalString(holding.price)},${toDecimalString(holdingCost(holding))}`)
  return [CSV_HEADER, ...lines].join('\r\n') + '\r\n'
}

const COLUMNS: Record<string, FormField> = { symbol: 'stock_symbol', shares: 'number_of_shares', price: 'purchase_price' }
const NAMES: Record<FormField, string> = { stock_symbol: 'stock symbol', number_of_shares: 'number of shares', purchase_price: 'purchase price' }

export type CsvImport =
  | { ok: true, holdings: Holding[] }
  | { ok: false, errors: string[] }

/** "The number of shares is…." as it reads after "line 7: ". */
function inLine (message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/, '')
}

/**
 * Reads a file of purchases: a header naming at least symbol, shares and price, in any order
 * (other columns, such as the export's cost, are ignored), then one purchase a line. All or
 * nothing: every bad line is reported, by its line number in the file.
 */
export function readPortfolioCsv (text: string): CsvImport {
  let records: Array<{ record: string[], info: { lines: number } }>
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] })
  } catch (error) {
    return { ok: false, errors: [`the file is not CSV: ${(error as Error).message}`] }
  }
  const [header, ...rows] = records
  if (header === undefined) return { ok: false, errors: ['the file is empty'] }
  const names = header.record.map((name) => name.trim().toLowerCase())
  const missing = Object.keys(COLUMNS).filter((name) => !names.includes(name))
  if (missing.length > 0) {
    return { ok: false, errors: [`line ${header.info.lines}: the header must name the columns symbol, shares and price (missing: ${missing.join(', ')})`] }
  }
  if (rows.length === 0) return { ok: false, errors: ['the file has a header but no purchases'] }
  const holdings: Holding[] = []
  const errors: string[] = []
  for (const { record, info } of rows) {
    const values = { stock_symbol: '', number_of_shares: '', purchase_price: '' }
    for (const [column, field] of Object.entries(COLUMNS)) values[field] = record[names.indexOf(column)] ?? ''
    const result = parseHolding(values)
    if (result.ok) {
      holdings.push(result.holding)
      continue
    }
    for (const [field, message] of Object.entries(result.errors) as Array<[FormField, string]>) {
      errors.push(`line ${info.lines}: ${values[field] === '' ? `the ${NAMES[field]} is missing` : inLine(message)}`)
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, holdings }
}
