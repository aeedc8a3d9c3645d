/** The packages the built plugin imports at start-up, read off the bundle (`npm run build`). */
export function bundleImports (): string[]
