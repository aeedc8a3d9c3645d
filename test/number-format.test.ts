import t from 'tap'
import fc from 'fast-check'
import { decimalFormat, localeNumbers } from '../src/i18n/number-format.js'
import { MONEY_SCALE_DIGITS, toDecimalString } from '../src/portfolio/money.js'
import { resolveLanguage } from '../src/i18n/settings.js'

// The locale's numbers are Intl's own, exactly, from the fixed-point value: checked against
// Intl.NumberFormat reading the same decimal string, for locales and currencies of every kind.

const LOCALES = ['en', 'de', 'fr', 'es', 'pl', 'en-IN', 'de-CH', 'ja', 'ar-EG']
const CURRENCIES = ['USD', 'EUR', 'JPY', 'CHF', 'KWD']
const anyAmount = fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.bigInt({ min: 0n, max: 10n ** 24n }))

t.test('money, counts and shares as Intl writes them, for every locale and currency', async (t) => {
  for (const locale of LOCALES) {
    for (const currency of CURRENCIES) {
      const numbers = localeNumbers(locale, currency)
      const digits = Math.min(new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().minimumFractionDigits as number, MONEY_SCALE_DIGITS)
      const intl = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: MONEY_SCALE_DIGITS })
      fc.assert(fc.property(anyAmount, (amount) => numbers.money(amount) === intl.format(toDecimalString(amount, digits))), { numRuns: 200 })
    }
    const numbers = localeNumbers(locale, 'USD')
    const count = new Intl.NumberFormat(locale)
    const percent = new Intl.NumberFormat(locale, { style: 'unit', unit: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 })
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 10_000 }), (n, hundredths) =>
      numbers.count(n) === count.format(n) && numbers.percent(hundredths) === percent.format(hundredths / 100)), { numRuns: 200 })
  }
  t.pass(`${LOCALES.length} locales, ${CURRENCIES.length} currencies`)
})

t.test('the examples the issue names, and the currency as each locale says it', async (t) => {
  t.equal(localeNumbers('de', 'EUR').money(12_345_600), '1.234,56\u00a0€')
  t.equal(localeNumbers('en', 'EUR').money(12_345_600), '€1,234.56')
  t.equal(localeNumbers('en', 'USD').money(10n ** 20n + 1n), '$10,000,000,000,000,000.0001', 'past 2^53, exact')
  t.equal(localeNumbers('en', 'JPY').money(15_000), '¥1.5', 'a yen amount keeps the decimals it has')
  t.equal(localeNumbers('en', 'JPY').money(10_000), '¥1')
  t.match(localeNumbers('de', 'USD'), { decimalMark: ',', currency: { code: 'USD', symbol: '$', name: 'US-Dollar' } })
  t.match(localeNumbers('en', 'EUR'), { decimalMark: '.', currency: { code: 'EUR', symbol: '€', name: 'euros' } })
})

t.test('a pattern read from Intl is used only where it gives Intl\'s output', async (t) => {
  const plain = new Intl.NumberFormat('en', { useGrouping: false })
  t.equal(decimalFormat(plain)('1234567'), '1234567', 'no grouping')
  const arabic = new Intl.NumberFormat('ar-EG')
  t.equal(decimalFormat(arabic)('1234'), arabic.format('1234'), 'other digits: Intl itself')
  const compact = new Intl.NumberFormat('en', { notation: 'compact' })
  t.equal(decimalFormat(compact)('1234567'), compact.format('1234567'), 'a format no pattern describes: Intl itself')
})

t.test('a locale makes its number formats on the first number it writes, once', async (t) => {
  // Intl's first number format in a process costs a host's start-up about 20 ms: made on first
  // use, and kept. localeNumbers is counted, not replaced.
  const real = await import('../src/i18n/number-format.js')
  let made = 0
  const { makeLocale } = await t.mockImport<typeof import('../src/i18n/locale.js')>('../src/i18n/locale.js', {
    '../src/i18n/number-format.js': { ...real, localeNumbers: (...args: Parameters<typeof localeNumbers>) => { made++; return real.localeNumbers(...args) } }
  })
  const { messages } = resolveLanguage({ locales: ['de'], currency: 'EUR' }).locales[0] as { messages: Parameters<typeof makeLocale>[1] }
  const german = makeLocale('de', messages, 'EUR')
  t.equal(made, 0, 'none when the locale is made')
  t.equal(german.money(12_345_600), '1.234,56\u00a0€')
  t.same([german.count(1000), german.percent(4567), german.decimalMark, german.currency], ['1.000', '45,67\u00a0%', ',', { code: 'EUR', symbol: '€', name: 'Euro' }])
  t.equal(made, 1, 'one for all of its numbers')
})
