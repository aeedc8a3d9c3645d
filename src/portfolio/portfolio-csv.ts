import type Papa from 'papaparse'
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

const COLUMNS = ['symbol', 'shares', 'price']
const NAMES: Record<FormField, string> = { stock_symbol: 'stock symbol', number_of_shares: 'number of shares', purchase_price: 'purchase price' }

/** A refused file: its first problems, each a message, and how many it has in all. */
export interface CsvProblems { ok: false, errors: string[], problems: number }

export type CsvImport = { ok: true, holdings: Holding[] } | CsvProblems

/** How many problems a refused file's messages name: the page that shows them stays small. */
export const PROBLEMS_NAMED = 20

const refused = (message: string): CsvProblems => ({ ok: false, errors: [message], problems: 1 })

/**
 * More purchases than one browser cookie holds (about 485 of the shortest): a longer file is
 * refused before its lines are checked, so the work per import stays bounded.
 */
export const MAX_IMPORT_PURCHASES = 500

/** "The number of shares is…." as it reads after "line 7: ". */
function inLine (message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/, '')
}

interface CsvRecord { record: string[], line: number }

/**
 * The file's records with the line each starts on, blank lines left out; undefined past
 * `limit` records. papaparse, not csv-parse: csv-parse builds an Error with a stack for every
 * line whose column count differs from the header's, 45 µs each (bench/results.md).
 */
function csvRecords (papa: typeof Papa, text: string, limit: number): { records: CsvRecord[], error?: string } | undefined {
  const records: CsvRecord[] = []
  let error: string | undefined
  let line = 1
  let position = 0
  // Any mix of CRLF, LF and CR ends a line, as spreadsheets on each system write them.
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  let tooMany = false
  papa.parse<string[]>(lines, {
    delimiter: ',',
    newline: '\n',
    step ({ data, errors, meta }, parser) {
      const first = errors[0]
      if (first !== undefined) {
        error ??= `the file is not CSV: line ${line}: ${first.code === 'MissingQuotes' ? 'a quoted cell is not closed' : 'a quoted cell has text after its closing quote'}`
      } else if (data.length > 1 || data[0] !== '') {
        if (records.length === limit) {
          tooMany = true
          return parser.abort()
        }
        records.push({ record: data, line })
      }
      for (let i = position; i < meta.cursor; i++) if (lines.charCodeAt(i) === 10) line++
      position = meta.cursor
    }
  })
  return tooMany ? undefined : { records, error }
}

/**
 * Reads a file of purchases: a header naming at least symbol, shares and price, in any order
 * (other columns, such as the export's cost, are ignored), then one purchase a line. All or
 * nothing: every bad line is reported, by its line number in the file.
 */
export async function readPortfolioCsv (text: string): Promise<CsvImport> {
  // Loaded on the first import, not with the plugin: most visitors never import a file.
  const { default: papa } = await import('papaparse')
  const read = csvRecords(papa, text, MAX_IMPORT_PURCHASES + 1)
  if (read === undefined) return refused(`the file has more than ${MAX_IMPORT_PURCHASES} purchases, more than one browser cookie can hold`)
  if (read.error !== undefined) return refused(read.error)
  const [header, ...rows] = read.records
  if (header === undefined) return refused('the file is empty')
  const names = header.record.map((name) => name.trim().toLowerCase())
  const missing = COLUMNS.filter((name) => !names.includes(name))
  if (missing.length > 0) {
    return refused(`line ${header.line}: the header must name the columns symbol, shares and price (missing: ${missing.join(', ')})`)
  }
  if (rows.length === 0) return refused('the file has a header but no purchases')
  const [symbol, shares, price] = [names.indexOf('symbol'), names.indexOf('shares'), names.indexOf('price')] as [number, number, number]
  const holdings: Holding[] = []
  const errors: string[] = []
  let problems = 0
  for (const { record, line } of rows) {
    const values = { stock_symbol: record[symbol] ?? '', number_of_shares: record[shares] ?? '', purchase_price: record[price] ?? '' }
    const result = parseHolding(values)
    if (result.ok) {
      holdings.push(result.holding)
      continue
    }
    for (const [field, message] of Object.entries(result.errors) as Array<[FormField, string]>) {
      // Only the messages shown are written; the rest are counted.
      if (++problems <= PROBLEMS_NAMED) errors.push(`line ${line}: ${values[field] === '' ? `the ${NAMES[field]} is missing` : inLine(message)}`)
    }
  }
  return problems > 0 ? { ok: false, errors, problems } : { ok: true, holdings }
}
