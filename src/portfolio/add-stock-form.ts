import { type FormErrors, type FormField, type FormValues, FORM_FIELDS, MAX_PRICE, MAX_SHARES, SYMBOL_SOURCE } from './holding.js'
import { MONEY_SCALE_DIGITS, SMALLEST_AMOUNT, toDecimalString } from './money.js'
import { escapeHtml } from './portfolio-html.js'

// What the add-stock page shows for each input: the client-side checks mirror the server's
// (src/portfolio/holding.ts), which stay the ones that count.

interface FieldSpec {
  label: string
  type: 'text' | 'number'
  inputmode: 'text' | 'numeric' | 'decimal'
  hint: string
  pattern?: string
  maxlength?: number
  autocapitalize?: 'characters'
  min?: string
  max?: string
  step?: string
}

const SPECS: Record<FormField, FieldSpec> = {
  stock_symbol: {
    label: 'Stock Symbol',
    type: 'text',
    inputmode: 'text',
    hint: 'Like AAPL or BRK.B.',
    pattern: `[ \\t]*${SYMBOL_SOURCE}[ \\t]*`,
    maxlength: 10,
    autocapitalize: 'characters'
  },
  number_of_shares: {
    label: 'Number of Shares',
    type: 'number',
    inputmode: 'numeric',
    hint: 'A whole number.',
    min: '1',
    max: String(MAX_SHARES),
    step: '1'
  },
  purchase_price: {
    label: 'Purchase Price ($)',
    type: 'number',
    inputmode: 'decimal',
    hint: `In dollars, up to ${MONEY_SCALE_DIGITS} decimals.`,
    min: SMALLEST_AMOUNT,
    max: toDecimalString(MAX_PRICE, 0),
    step: SMALLEST_AMOUNT
  }
}

export interface FormFieldView {
  name: FormField
  label: string
  hint: string
  /** The input's attributes that never change (type, pattern, bounds…), escaped HTML. */
  attributes: string
  value: string
  error: string | undefined
  autofocus: boolean
}

const ATTRIBUTES: Record<FormField, string> = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => {
  const { label: _label, hint: _hint, ...attributes } = spec
  const extra = attributes.pattern === undefined ? '' : ' spellcheck="false"'
  return [name, Object.entries(attributes).map(([key, value]) => `${key}="${escapeHtml(String(value))}"`).join(' ') + ' required' + extra]
})) as Record<FormField, string>

export const EMPTY_FORM: FormValues = { stock_symbol: '', number_of_shares: '', purchase_price: '' }

const EMPTY_FIELDS = fieldsOf(EMPTY_FORM, {})

/**
 * The inputs, in order, with the values as entered and the first bad field focused. The empty
 * form, which every GET shows, is built once.
 */
export function formFields (values: FormValues, errors: FormErrors = {}): readonly FormFieldView[] {
  return values === EMPTY_FORM ? EMPTY_FIELDS : fieldsOf(values, errors)
}

function fieldsOf (values: FormValues, errors: FormErrors): readonly FormFieldView[] {
  const firstBad = FORM_FIELDS.find((name) => errors[name] !== undefined)
  return FORM_FIELDS.map((name) => ({
    name,
    label: SPECS[name].label,
    hint: SPECS[name].hint,
    attributes: ATTRIBUTES[name],
    value: values[name],
    error: errors[name],
    autofocus: name === firstBad
  }))
}

/** The string values of a parsed form, '' for anything missing or repeated. */
export function formValues (fields: Record<string, unknown>): FormValues {
  const read = (name: FormField): string => typeof fields[name] === 'string' ? fields[name] : ''
  return { stock_symbol: read('stock_symbol'), number_of_shares: read('number_of_shares'), purchase_price: read('purchase_price') }
}
