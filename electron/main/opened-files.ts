// Files the system hands Attest (a double-clicked archive or bundle): from the
// command line of a launch, of a second launch, or macOS's open-file event.
// Kept free of Electron imports so a plain-Node test can check it.
import { existsSync } from 'node:fs'
import { basename, isAbsolute, resolve } from 'node:path'
import type { ErrorData } from '../../shared/errors'

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

export interface HandedFileActions {
  openArchive(path: string): void
  showError(title: string, error: ErrorData): void
}

/** Opens each handed-over archive; a missing file or a bundle gets one error dialog each that says what to do. */
export function openHandedFiles(requests: readonly OpenRequest[], actions: HandedFileActions): void {
  for (const { kind, path } of requests) {
    if (!existsSync(path)) {
      actions.showError(`Could not open ${basename(path)}`, { code: 'NOT_FOUND', message: `${path} does not exist.` })
    } else if (kind === 'archive') {
      actions.openArchive(path)
    } else {
      // The desktop app has no bundle import yet: say how to do it rather than pretend.
      actions.showError(`${basename(path)} was not imported`, {
        code: 'UNSUPPORTED_TYPE',
        message: `The desktop app cannot import bundles yet. Verify and import it with the attest command:\nattest verify "${path}"\nattest import-bundle "${path}" --archive ARCHIVE.attest`
      })
    }
  }
}
