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

/** Each input's attributes that never change (type, pattern, bounds…), escaped once. */
const ATTRIBUTES: Record<FormField, string> = Object.fromEntries(Object.entries(SPECS).map(([name, spec]) => {
  const { label: _label, hint: _hint, ...attributes } = spec
  const extra = attributes.pattern === undefined ? '' : ' spellcheck="false"'
  return [name, Object.entries(attributes).map(([key, value]) => `${key}="${escapeHtml(String(value))}"`).join(' ') + ' required' + extra]
})) as Record<FormField, string>

export const EMPTY_FORM: FormValues = { stock_symbol: '', number_of_shares: '', purchase_price: '' }

/**
 * The inputs as HTML, in order: the values as entered, each message beside its field (tied
 * to it by aria-describedby) and the first bad field focused. Written here, escaped, like the
 * list's rows: as a handlebars loop the form cost more than the rest of its page. The empty
 * form, which every GET shows, is built once.
 */
export function formFieldsHtml (values: FormValues, errors: FormErrors = {}): string {
  return values === EMPTY_FORM ? EMPTY_FIELDS : fieldsHtml(values, errors)
}

function fieldsHtml (values: FormValues, errors: FormErrors): string {
  const firstBad = FORM_FIELDS.find((name) => errors[name] !== undefined)
  return FORM_FIELDS.map((name) => {
    const error = errors[name]
    const invalid = error !== undefined
    return `<div class="field${invalid ? ' field-invalid' : ''}">\n` +
      `<label for="${name}">${escapeHtml(SPECS[name].label)}</label>\n` +
      `<input id="${name}" name="${name}" ${ATTRIBUTES[name]} value="${escapeHtml(values[name])}" aria-describedby="${invalid ? `${name}-error ` : ''}${name}-hint"` +
      `${invalid ? ' aria-invalid="true"' : ''}${name === firstBad ? ' autofocus' : ''}>\n` +
      `<p class="hint" id="${name}-hint">${escapeHtml(SPECS[name].hint)}</p>\n` +
      (invalid ? `<p class="field-error" id="${name}-error">${escapeHtml(error)}</p>\n` : '') +
      '</div>\n'
  }).join('')
}

const EMPTY_FIELDS = fieldsHtml(EMPTY_FORM, {})

/** The string values of a parsed form, '' for anything missing or repeated. */
export function formValues (fields: Record<string, unknown>): FormValues {
  const read = (name: FormField): string => typeof fields[name] === 'string' ? fields[name] : ''
  return { stock_symbol: read('stock_symbol'), number_of_shares: read('number_of_shares'), purchase_price: read('purchase_price') }
}
