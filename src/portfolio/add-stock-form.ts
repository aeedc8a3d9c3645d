import { type FormErrors, type FormField, type FormValues, FORM_FIELDS, MAX_PRICE, MAX_SHARES, SYMBOL_SOURCE } from './holding.js'
import { MONEY_SCALE_DIGITS, SMALLEST_AMOUNT, toDecimalString } from './money.js'

// What the add-stock form's inputs say (views/partials/field.hbs writes them): the client-side
// checks mirror the server's (src/portfolio/holding.ts), which stay the ones that count.

interface FieldSpec {
  label: string
  hint: string
  type: 'text' | 'number'
  inputmode: 'text' | 'numeric' | 'decimal'
  /** A text input's grammar, length and case. */
  text?: { pattern: string, maxlength: number, autocapitalize: 'characters' }
  /** A number input's bounds and step. */
  range?: { min: string, max: string, step: string }
}

const SPECS: Record<FormField, FieldSpec> = {
  stock_symbol: {
    label: 'Stock Symbol',
    hint: 'Like AAPL or BRK.B.',
    type: 'text',
    inputmode: 'text',
    text: { pattern: `[ \\t]*${SYMBOL_SOURCE}[ \\t]*`, maxlength: 10, autocapitalize: 'characters' }
  },
  number_of_shares: {
    label: 'Number of Shares',
    hint: 'A whole number.',
    type: 'number',
    inputmode: 'numeric',
    range: { min: '1', max: String(MAX_SHARES), step: '1' }
  },
  purchase_price: {
    label: 'Purchase Price ($)',
    hint: `In dollars, up to ${MONEY_SCALE_DIGITS} decimals.`,
    type: 'number',
    inputmode: 'decimal',
    range: { min: SMALLEST_AMOUNT, max: toDecimalString(MAX_PRICE, 0), step: SMALLEST_AMOUNT }
  }
}

/** One input as the form shows it: the value as entered, its message, whether it takes the focus. */
export interface FieldView extends FieldSpec {
  name: FormField
  value: string
  error: string | undefined
  autofocus: boolean
}

export const EMPTY_FORM: FormValues = { stock_symbol: '', number_of_shares: '', purchase_price: '' }

/** The inputs in order, the first bad one focused. */
export function formFields (values: FormValues, errors: FormErrors = {}): FieldView[] {
  const firstBad = FORM_FIELDS.find((name) => errors[name] !== undefined)
  return FORM_FIELDS.map((name) => {
    const { label, hint, type, inputmode, text, range } = SPECS[name]
    return { name, label, hint, type, inputmode, text, range, value: values[name], error: errors[name], autofocus: name === firstBad }
  })
}

/** The string values of a parsed form, '' for anything missing or repeated. */
export function formValues (fields: Record<string, unknown>): FormValues {
  const read = (name: FormField): string => typeof fields[name] === 'string' ? fields[name] : ''
  return { stock_symbol: read('stock_symbol'), number_of_shares: read('number_of_shares'), purchase_price: read('purchase_price') }
}
