import type Papa from 'papaparse'
import { type FieldProblem, type FormField, type Holding, holdingCost, parseHolding } from './holding.js'
import { toDecimalString } from './money.js'
import { fieldValues } from './add-stock-form.js'
import type { MessageValues, Wording } from './wording.js'

// The portfolio as a file a person keeps or moves to another browser: RFC 4180 CSV, neutral
// whatever the page's language (commas between cells, a point before decimals). The import
// also reads the file back as a spreadsheet with a decimal comma saves it: semicolons between
// cells, a comma or a point before the price's decimals.

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

/** What is wrong with a file, or with one of its lines: the words are the visitor's locale's. */
export type CsvProblem =
  | { key: 'csv.tooMany' | 'csv.empty' | 'csv.noPurchases' }
  | { key: 'csv.unclosedQuote' | 'csv.textAfterQuote', line: number }
  | { key: 'csv.header', line: number, missing: string[] }
  | { key: `csv.${FieldProblem}.${FormField}`, line: number, field: FormField }

export type CsvKey = CsvProblem['key'] | `field.${FormField}.${'label' | 'hint' | FieldProblem}`

/** A refused file: its first problems, and how many it has in all. */
export interface CsvProblems { ok: false, errors: CsvProblem[], problems: number, decimalComma: boolean }

export type CsvImport = { ok: true, holdings: Holding[] } | CsvProblems

/** How many problems a refused file's messages name: the page that shows them stays small. */
export const PROBLEMS_NAMED = 20

const refused = (problem: CsvProblem, decimalComma = false): CsvProblems => ({ ok: false, errors: [problem], problems: 1, decimalComma })

/**
 * More purchases than one browser cookie holds (491 of the shortest): a longer file is
 * refused before its lines are checked, so the work per import stays bounded.
 */
export const MAX_IMPORT_PURCHASES = 500

interface CsvRecord { record: string[], line: number }

/**
 * The file's records with the line each starts on, blank lines left out; undefined past
 * `limit` records. papaparse, not csv-parse: csv-parse builds an Error with a stack for every
 * line whose column count differs from the header's, 45 µs each (bench/results.md).
 */
function csvRecords (papa: typeof Papa, lines: string, delimiter: ',' | ';', limit: number): { records: CsvRecord[], error?: CsvProblem } | undefined {
  const records: CsvRecord[] = []
  let error: CsvProblem | undefined
  let line = 1
  let position = 0
  let tooMany = false
  papa.parse<string[]>(lines, {
    delimiter,
    newline: '\n',
    step ({ data, errors, meta }, parser) {
      const first = errors[0]
      if (first !== undefined) {
        error ??= { key: first.code === 'MissingQuotes' ? 'csv.unclosedQuote' : 'csv.textAfterQuote', line }
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
 * The cells' separator: a semicolon when the first line has one and no comma, as a spreadsheet
 * in a locale with a decimal comma writes the header; a comma otherwise.
 */
function delimiterOf (lines: string): ',' | ';' {
  const header = lines.slice(0, (lines.indexOf('\n') + 1 || lines.length + 1) - 1)
  return header.includes(';') && !header.includes(',') ? ';' : ','
}

/**
 * Reads a file of purchases: a header naming at least symbol, shares and price, in any order
 * (other columns, such as the export's cost, are ignored), then one purchase a line. All or
 * nothing: every bad line is reported, by its line number in the file. A file separated by
 * semicolons takes a decimal comma in its prices too.
 */
export async function readPortfolioCsv (text: string): Promise<CsvImport> {
  // Loaded on the first import, not with the plugin: most visitors never import a file.
  const { default: papa } = await import('papaparse')
  // Any mix of CRLF, LF and CR ends a line, as spreadsheets on each system write them.
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const delimiter = delimiterOf(lines)
  const decimalComma = delimiter === ';'
  const read = csvRecords(papa, lines, delimiter, MAX_IMPORT_PURCHASES + 1)
  if (read === undefined) return refused({ key: 'csv.tooMany' }, decimalComma)
  if (read.error !== undefined) return refused(read.error, decimalComma)
  const [header, ...rows] = read.records
  if (header === undefined) return refused({ key: 'csv.empty' })
  const names = header.record.map((name) => name.trim().toLowerCase())
  const missing = COLUMNS.filter((name) => !names.includes(name))
  if (missing.length > 0) return refused({ key: 'csv.header', line: header.line, missing }, decimalComma)
  if (rows.length === 0) return refused({ key: 'csv.noPurchases' }, decimalComma)
  const [symbol, shares, price] = [names.indexOf('symbol'), names.indexOf('shares'), names.indexOf('price')] as [number, number, number]
  const holdings: Holding[] = []
  const errors: CsvProblem[] = []
  let problems = 0
  for (const { record, line } of rows) {
    const values = { stock_symbol: record[symbol] ?? '', number_of_shares: record[shares] ?? '', purchase_price: record[price] ?? '' }
    const result = parseHolding(values, decimalComma)
    if (result.ok) {
      holdings.push(result.holding)
      continue
    }
    for (const [field, problem] of Object.entries(result.errors) as Array<[FormField, FieldProblem]>) {
      // Only the problems shown are kept; the rest are counted.
      if (++problems <= PROBLEMS_NAMED) errors.push({ key: `csv.${problem}.${field}`, line, field })
    }
  }
  return problems > 0 ? { ok: false, errors, problems, decimalComma } : { ok: true, holdings }
}

/** A file's problems in the visitor's words; the price's example is written as the file writes prices. */
export function csvProblemMessages ({ errors, decimalComma }: CsvProblems, wording: Wording<CsvKey>): string[] {
  return errors.map((problem) => {
    // A line number is a name, not an amount: never grouped.
    const values: MessageValues = { max: MAX_IMPORT_PURCHASES }
    if ('line' in problem) values.line = String(problem.line)
    if ('missing' in problem) values.missing = problem.missing.join(', ')
    if ('field' in problem) Object.assign(values, fieldValues(problem.field, wording, decimalComma))
    return wording.say(problem.key, values)
  })
}
