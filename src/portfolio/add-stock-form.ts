import { type FieldProblem, type FormErrors, type FormField, type FormValues, FORM_FIELDS, MAX_PRICE, MAX_SHARES, SYMBOL_SOURCE } from './holding.js'
import { decimalSource, MONEY_SCALE_DIGITS, SMALLEST_AMOUNT, toDecimalString } from './money.js'
import type { MessageValues, Wording } from './wording.js'

// What the add-stock form's inputs say (views/partials/field.hbs writes them), in the visitor's
// language: the client-side checks mirror the server's (src/portfolio/holding.ts), which stay
// the ones that count.

export type FieldKey = `field.${FormField}.${'label' | 'hint' | FieldProblem}`

interface FieldSpec {
  type: 'text' | 'number'
  inputmode: 'text' | 'numeric' | 'decimal'
  /** A text input's grammar, length and case. */
  text?: { pattern: string, maxlength: number, autocapitalize?: 'characters' }
  /** A number input's bounds and step. */
  range?: { min: string, max: string, step: string }
}

const SYMBOL_SPEC: FieldSpec = { type: 'text', inputmode: 'text', text: { pattern: `[ \\t]*${SYMBOL_SOURCE}[ \\t]*`, maxlength: 10, autocapitalize: 'characters' } }
const SHARES_SPEC: FieldSpec = { type: 'number', inputmode: 'numeric', range: { min: '1', max: String(MAX_SHARES), step: '1' } }
/**
 * A number input sends a point whatever the browser shows, but some browsers refuse a comma in
 * it: where the locale writes a decimal comma, the price is a text input whose pattern is the
 * server's own grammar (src/portfolio/money.ts).
 */
const priceSpec = (decimalComma: boolean): FieldSpec => decimalComma
  ? { type: 'text', inputmode: 'decimal', text: { pattern: `[ \\t]*${decimalSource(true)}[ \\t]*`, maxlength: 20 } }
  : { type: 'number', inputmode: 'decimal', range: { min: SMALLEST_AMOUNT, max: toDecimalString(MAX_PRICE, 0), step: SMALLEST_AMOUNT } }

/** Whether a price typed in this locale may have a decimal comma. */
export const takesDecimalComma = (wording: Pick<Wording<never>, 'decimalMark'>): boolean => wording.decimalMark === ','

/**
 * What a field's messages read: its limits in the visitor's numbers, and for the price the
 * currency and an example written as the price may be typed (`decimalComma`).
 */
export function fieldValues (field: FormField, wording: Wording<never>, decimalComma: boolean): MessageValues {
  if (field === 'number_of_shares') return { max: wording.count(MAX_SHARES) }
  if (field === 'stock_symbol') return {}
  const { code, symbol, name } = wording.currency
  return { max: wording.money(MAX_PRICE), digits: MONEY_SCALE_DIGITS, example: `302${decimalComma ? ',' : '.'}17`, symbol, currency: code, currencyName: name, comma: decimalComma ? 'yes' : 'no' }
}

/** One input as the form shows it: the value as entered, its words, whether it takes the focus. */
export interface FieldView extends FieldSpec {
  name: FormField
  label: string
  hint: string
  value: string
  error: string | undefined
  autofocus: boolean
}

export const EMPTY_FORM: FormValues = { stock_symbol: '', number_of_shares: '', purchase_price: '' }

/** The inputs in order, in the visitor's language, the first bad one focused. */
export function formFields (wording: Wording<FieldKey>, values: FormValues, errors: FormErrors = {}): FieldView[] {
  const decimalComma = takesDecimalComma(wording)
  const specs: Record<FormField, FieldSpec> = { stock_symbol: SYMBOL_SPEC, number_of_shares: SHARES_SPEC, purchase_price: priceSpec(decimalComma) }
  const firstBad = FORM_FIELDS.find((name) => errors[name] !== undefined)
  return FORM_FIELDS.map((name) => {
    const problem = errors[name]
    const say = (what: 'label' | 'hint' | FieldProblem): string => wording.say(`field.${name}.${what}`, fieldValues(name, wording, decimalComma))
    // The spec spread last: on Node 20, each property added after a spread cost about 1 µs.
    return { name, label: say('label'), hint: say('hint'), value: values[name], error: problem === undefined ? undefined : say(problem), autofocus: name === firstBad, ...specs[name] }
  })
}

/**
 * The string values of a parsed form: a repeated field's first, '' for a missing one. Any body
 * is read: one refused before the schema ran (an empty one, say) may be no object at all.
 */
export function formValues (body: unknown): FormValues {
  const fields = typeof body === 'object' && body !== null ? body as Record<string, unknown> : {}
  const read = (name: FormField): string => {
    const value = Array.isArray(fields[name]) ? fields[name][0] : fields[name]
    return typeof value === 'string' ? value : ''
  }
  return { stock_symbol: read('stock_symbol'), number_of_shares: read('number_of_shares'), purchase_price: read('purchase_price') }
}
