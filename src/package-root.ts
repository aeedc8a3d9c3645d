import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// views/ and public/ stay at the package's root (the build does not copy them); the sources run
// from src/ and the build from dist/src/, so the root is found by walking up to package.json.
function findPackageRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json')) && dir !== dirname(dir)) dir = dirname(dir)
  return dir
}

const packageRoot = findPackageRoot()
export const viewsDir = join(packageRoot, 'views')
export const publicDir = join(packageRoot, 'public')
