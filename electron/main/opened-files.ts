// Files the system hands Attest (a double-clicked archive or bundle): from the
// command line of a launch, of a second launch, or macOS's open-file event.
// Kept free of Electron imports so a plain-Node test can check it.
import { isAbsolute, resolve } from 'node:path'

export interface OpenRequest {
  kind: 'archive' | 'bundle'
  path: string
}

/** The request for one path, or null when it is neither an archive (.attest) nor a bundle (.zip). */
export function openRequestFor(path: string, cwd: string): OpenRequest | null {
  const lower = path.toLowerCase()
  const kind = lower.endsWith('.attest') ? 'archive' : lower.endsWith('.zip') ? 'bundle' : null
  return kind && { kind, path: isAbsolute(path) ? path : resolve(cwd, path) }
}

/**
 * The archives and bundles among a launch's arguments (without the
 * executable). Switches (`--flag`, `-x`) are Electron's or Chromium's, never
 * files; anything else that is not an archive or a bundle is left alone.
 */
export function openRequests(args: readonly string[], cwd: string): OpenRequest[] {
  return args.filter((a) => !a.startsWith('-')).flatMap((a) => openRequestFor(a, cwd) ?? [])
}
