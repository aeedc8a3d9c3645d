import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { argumentsOf, flatten, isPlain, MESSAGE_KEYS, type MessageKey, messageProblem, SHIPPED, SHIPPED_LOCALES } from '../src/i18n/catalogue.js'
import { resolveOptions } from '../src/options.js'
import { viewsDir } from '../src/package-root.js'
import { KEY_C as key } from './helper.js'

// Every text a visitor sees comes from a catalogue: each shipped catalogue has every key, its
// messages parse, and no template writes words of its own.

t.test('every shipped catalogue has exactly the English keys, each message well-formed', async (t) => {
  t.same(SHIPPED_LOCALES, ['en', 'de'])
  t.ok(MESSAGE_KEYS.length > 100, `${MESSAGE_KEYS.length} messages`)
  for (const tag of SHIPPED_LOCALES) {
    const messages = flatten(SHIPPED[tag] as object)
    t.same(Object.keys(messages), MESSAGE_KEYS, `${tag}: the same keys, in the same order`)
    for (const messageKey of MESSAGE_KEYS) {
      const problem = messageProblem(messageKey, messages[messageKey])
      if (problem !== undefined) t.fail(`${tag} ${messageKey} ${problem}`)
      if (messages[messageKey] === '') t.fail(`${tag} ${messageKey} is empty`)
    }
  }
  t.equal(SHIPPED.en?.list.title, 'List of Stocks')
  t.equal(SHIPPED.de?.list.title, 'Aktienliste')
})

t.test('a catalogue missing a key, or with a broken message, is caught', async (t) => {
  const partial = flatten(SHIPPED.de as object)
  delete partial['list.title']
  t.throws(() => resolveOptions({ key, locales: ['en', 'fr'], messages: { fr: partial } }), { message: /missing: list\.title$/ })
  t.equal(messageProblem('list.rows', 'Zeilen {first} bis {last}'), undefined, 'a message may leave out an argument')
  t.match(messageProblem('list.rows', 'Rows {first} to {last} of {total}'), /reads \{total\}, which it is not given \(only \{first\}, \{last\}, \{count\}\)/)
  t.match(messageProblem('list.rows', 'Rows {first'), 'is not ICU MessageFormat')
  t.match(messageProblem('list.title', 'List of {stocks}'), 'is plain text here')
  t.match(messageProblem('list.title', 42), 'is not a string')
  t.same([...argumentsOf('{n, plural, one {# {what}} other {# {what}s}} <b>{x}</b>') as Set<string>].sort(), ['n', 'what', 'x'])
})

/** Attributes a browser shows or reads aloud. */
const VISIBLE_ATTRIBUTES = /\b(aria-label|title|alt|placeholder|value|label)="([^"]*)"/g
const MUSTACHE = /\{\{\{?[^}]*\}?\}\}/g

/** The words a template writes outside {{…}}: in its text, and in the attributes people see. */
function ownWords (template: string): string[] {
  const words: string[] = []
  for (const [, name, value] of template.matchAll(VISIBLE_ATTRIBUTES)) {
    const own = (value as string).replace(MUSTACHE, '')
    // A button's value is sent, not shown; a hidden input's too.
    if (name !== 'value' && /[\p{L}\p{N}]/u.test(own)) words.push(`${name as string}="${own}"`)
  }
  const text = template.replace(MUSTACHE, '').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;/g, ' ')
  words.push(...(text.match(/[\p{L}\p{N}][^\s<]*/gu) ?? []))
  return words
}

const templates = ['', 'partials'].flatMap((folder) =>
  readdirSync(join(viewsDir, folder)).filter((name) => name.endsWith('.hbs')).map((name) => join(folder, name)))

t.test('no template writes a word outside the catalogue', async (t) => {
  t.ok(templates.length >= 11, templates.join(', '))
  for (const name of templates) t.same(ownWords(readFileSync(join(viewsDir, name), 'utf8')), [], name)
  t.same(ownWords('<p>Total: {{x}}</p><b aria-label="Close {{y}}">{{t.a}} 100%</b>'), ['aria-label="Close "', 'Total:', '100%'], 'the check finds words in text and attributes')
})

t.test('every {{t.…}} a template reads is a plain message of the catalogue', async (t) => {
  let reads = 0
  for (const name of templates) {
    for (const [, path] of readFileSync(join(viewsDir, name), 'utf8').matchAll(/\{\{(?:[#/^]\w+ )?(?:@root\.)?t\.([\w.]+)\}\}/g)) {
      reads++
      t.ok((MESSAGE_KEYS as string[]).includes(path as string) && isPlain(path as MessageKey), `${name}: t.${path as string}`)
    }
  }
  t.ok(reads > 30, `${reads} texts read from the catalogue`)
})

t.test('nor does the stylesheet: a phone\'s card labels are the cells\' data-label', async (t) => {
  const css = readFileSync(new URL('../public/portfolio.css', import.meta.url), 'utf8')
  t.same([...css.matchAll(/content:\s*"([^"]*)"/g)].map(([, text]) => text).filter((text) => /\p{L}/u.test(text as string)), [])
  t.match(css, 'content: attr(data-label)')
})
