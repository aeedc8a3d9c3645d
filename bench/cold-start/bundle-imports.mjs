import { readFileSync } from 'node:fs'

const bundle = new URL('../../dist/src/index.js', import.meta.url)

/** The packages the built plugin imports at start-up, read off the bundle (`npm run build`). */
export function bundleImports () {
  const specifiers = [...new Set([...readFileSync(bundle, 'utf8').matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]))]
    .filter((specifier) => !specifier.startsWith('node:'))
  if (specifiers.length === 0) throw new Error(`no imports read off ${bundle.pathname}: has the bundle's format changed?`)
  return specifiers
}
