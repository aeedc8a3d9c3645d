import { add, type Amount, multiply, parseMoney, wholeUnits } from './money.js'

/** One purchase: the same symbol bought twice is two holdings. */
export interface Holding {
  symbol: string
  shares: number
  /** Price per share, in 1/10,000 of the currency: at most MAX_PRICE, so always a safe integer. */
  price: number
}

export const FORM_FIELDS = ['stock_symbol', 'number_of_shares', 'purchase_price'] as const
export type FormField = typeof FORM_FIELDS[number]
export type FormValues = Record<FormField, string>
/** What is wrong with a field: nothing entered, or not a value it takes. The words are the locale's. */
export type FieldProblem = 'missing' | 'invalid'
export type FormErrors = Partial<Record<FormField, FieldProblem>>

export const MAX_SHARES = 1_000_000_000
export const MAX_PRICE = wholeUnits(1_000_000)

/**
 * A stock symbol: a letter, then up to nine letters, digits, dots or dashes. The one grammar
 * that the form's pattern, the validation and the stored records all use (escaped for the
 * `v` flag browsers apply to an input's pattern).
 */
export const SYMBOL_SOURCE = '[A-Za-z][A-Za-z0-9.\\-]{0,9}'
const SYMBOL = new RegExp(`^${SYMBOL_SOURCE}$`)
/** Tab, line feed, form feed, carriage return, space: the HTML spec's ASCII whitespace. */
const isAsciiSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 12 || code === 13

/** Trims ASCII whitespace only: String.prototype.trim would also take U+2009 and other Unicode spaces. */
function trimAscii (text: string): string {
  let start = 0
  let end = text.length
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--
  return text.slice(start, end)
}
const WHOLE_NUMBER = /^\d+$/

export type HoldingResult =
  | { ok: true, holding: Holding }
  | { ok: false, errors: FormErrors }

/**
 * Validates the three form values; every bad field gets its own problem. With `decimalComma`
 * (a locale that writes one) the price may be typed with a comma as well as a point.
 */
export function parseHolding (values: FormValues, decimalComma = false): HoldingResult {
  const errors: FormErrors = {}

  const symbol = trimAscii(values.stock_symbol)
  if (!SYMBOL.test(symbol)) errors.stock_symbol = symbol === '' ? 'missing' : 'invalid'

  const sharesText = trimAscii(values.number_of_shares)
  const shares = WHOLE_NUMBER.test(sharesText) ? Number(sharesText) : Number.NaN
  if (sharesText === '') {
    errors.number_of_shares = 'missing'
  } else if (!(shares >= 1 && shares <= MAX_SHARES)) {
    errors.number_of_shares = 'invalid'
  }

  const priceText = trimAscii(values.purchase_price)
  const price = parseMoney(priceText, decimalComma)
  if (priceText === '') {
    errors.purchase_price = 'missing'
  } else if (price === undefined || price <= 0 || price > MAX_PRICE) {
    errors.purchase_price = 'invalid'
  }

  if (price === undefined || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, holding: { symbol: symbol.toUpperCase(), shares, price } }
}

export function holdingCost (holding: Pick<Holding, 'shares' | 'price'>): Amount {
  return multiply(holding.shares, holding.price)
}

/** What the purchases cost in all. */
export function totalCost (holdings: readonly Holding[]): Amount {
  return holdings.reduce((total: Amount, holding) => add(total, holdingCost(holding)), 0)
}
