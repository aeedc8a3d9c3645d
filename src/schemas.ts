import type { FromSchema } from 'json-schema-to-ts'
import { MONEY_SCALE_DIGITS } from './portfolio/money.js'
import { BACK_MAX_LENGTH } from './urls.js'

// Every shape the routes accept or answer, in one place, as JSON schemas: Fastify validates
// with them (plugins/validation.ts) and, through @fastify/type-provider-json-schema-to-ts,
// the routes' request bodies are typed from them. The form's values are strings here; what
// they mean is checked by src/portfolio/holding.ts, which says it beside each field.

/** The CSRF token every form carries, checked before the schema (plugins/csrf.ts). */
const csrf = { type: 'string' } as const
/**
 * A form's field, of any length: the body limit bounds it, and a value too long is a bad value,
 * which holding.ts names beside its field with what it should be.
 */
const field = { type: 'string' } as const

/** The add-stock form: its four fields and nothing else, each once (a repeat is an array). */
export const addStockBody = {
  type: 'object',
  properties: { stock_symbol: field, number_of_shares: field, purchase_price: field, _csrf: csrf },
  additionalProperties: false
} as const

/**
 * A Remove button's value, "<row index> <row as stored>": a row is named by its place and its
 * content, so a page left open in another tab cannot remove another row than the one it showed.
 */
export const removeBody = {
  type: 'object',
  properties: { _csrf: csrf, holding: { type: 'string', pattern: '^\\d{1,4} [!-~][ -~]{0,63}$' } },
  required: ['holding'],
  additionalProperties: false
} as const

export const clearBody = {
  type: 'object',
  properties: { _csrf: csrf },
  additionalProperties: false
} as const

/**
 * The language switch: the locale chosen (one of those offered: routes/language.ts narrows it)
 * and the page to go back to, which the route checks is one of the plugin's own.
 */
export const languageBody = {
  type: 'object',
  properties: { locale: { type: 'string' }, back: { type: 'string', maxLength: BACK_MAX_LENGTH } },
  required: ['locale'],
  additionalProperties: false
} as const

/**
 * The import form, as plugins/csv-upload.ts parses it: the file's bytes (a Buffer, which JSON
 * schema cannot name) and the choice of adding or replacing; any other mode means adding.
 */
export const importBody = {
  type: 'object',
  properties: { _csrf: csrf, mode: { type: 'string' }, file: {} },
  additionalProperties: false
} as const

/**
 * GET /stocks/'s query string. Its links write only values the list knows; anything unknown,
 * repeated or malformed means the default (readListQuery in src/portfolio/portfolio-view.ts),
 * so no value here is refused.
 */
export const listQuery = {
  type: 'object',
  properties: {
    view: { description: '"positions": one row per symbol; anything else: one row per purchase' },
    sort: { description: 'a column key, as the column headers link it; none: the order added' },
    dir: { description: '"desc": descending; anything else: ascending' },
    page: { description: 'the page of rows, from 1' }
  }
} as const

const money = { type: 'string', pattern: `^\\d+\\.\\d{2,${MONEY_SCALE_DIGITS}}$` } as const

/**
 * GET /stocks/ with Accept: application/json: the list page as data, the same query
 * (listQuery) giving the same rows, 50 a page; exact decimal strings.
 */
export const portfolioJsonSchema = {
  type: 'object',
  properties: {
    holdings: {
      description: 'the page of purchases, sorted as asked; empty in the positions view',
      type: 'array',
      items: {
        type: 'object',
        properties: { symbol: { type: 'string' }, shares: { type: 'integer' }, price: money, cost: money },
        required: ['symbol', 'shares', 'price', 'cost'],
        additionalProperties: false
      }
    },
    positions: {
      description: 'with view=positions, the page of positions (one per symbol), sorted as asked; else empty',
      type: 'array',
      items: {
        type: 'object',
        properties: {
          symbol: { type: 'string' },
          shares: { type: 'integer' },
          averagePrice: money,
          cost: money,
          purchases: { type: 'integer' },
          share: { type: 'string', pattern: '^\\d{1,3}\\.\\d{2}$' }
        },
        required: ['symbol', 'shares', 'averagePrice', 'cost', 'purchases', 'share'],
        additionalProperties: false
      }
    },
    count: { description: 'purchases in the whole portfolio', type: 'integer', minimum: 0 },
    page: { description: 'the page given, from 1; asked past the end, the last', type: 'integer', minimum: 1 },
    pages: { description: 'pages of the view asked for; at least 1', type: 'integer', minimum: 1 },
    total: { ...money, description: 'the whole portfolio\'s cost' }
  },
  required: ['holdings', 'positions', 'count', 'page', 'pages', 'total'],
  additionalProperties: false
} as const

export type PortfolioJson = FromSchema<typeof portfolioJsonSchema>
