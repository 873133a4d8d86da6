import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ErrorData } from '../../../shared/errors'
import { openHandedFiles, openRequestFor, openRequests } from '../../../electron/main/opened-files'
import { tempDir } from '../../helpers/temp-archive'

describe('files the system asks Attest to open', () => {
  it('takes archives and bundles from a launch’s arguments, made absolute against its folder', () => {
    expect(openRequests(['case.attest', '/data/Bundle.ZIP', 'notes.txt'], '/home/ana')).toEqual([
      { kind: 'archive', path: '/home/ana/case.attest' },
      { kind: 'bundle', path: '/data/Bundle.ZIP' }
    ])
  })

  it('never takes a switch for a file', () => {
    expect(openRequests(['--no-sandbox', '--user-data-dir=/tmp/x.attest', '-psn_0_1234', '.'], '/home/ana')).toEqual([])
  })

  it('says nothing about other files (macOS open-file)', () => {
    expect(openRequestFor('/home/ana/report.pdf', '/')).toBeNull()
    expect(openRequestFor('/home/ana/a.attest', '/')).toEqual({ kind: 'archive', path: '/home/ana/a.attest' })
  })
})

describe('what the app does with the files handed to it', () => {
  it('opens an archive, and says what to do about a missing file or a bundle', () => {
    const dir = tempDir()
    try {
      const archive = join(dir.path, 'case.attest')
      const bundle = join(dir.path, 'bundle.zip')
      writeFileSync(archive, '')
      writeFileSync(bundle, '')
      const opened: string[] = []
      const errors: Array<{ title: string; error: ErrorData }> = []
      const missing = join(dir.path, 'missing.attest')
      openHandedFiles(
        [
          { kind: 'archive', path: missing },
          { kind: 'bundle', path: bundle },
          { kind: 'archive', path: archive }
        ],
        { openArchive: (p) => opened.push(p), showError: (title, error) => errors.push({ title, error }) }
      )
      expect(opened).toEqual([archive])
      expect(errors).toEqual([
        { title: 'Could not open missing.attest', error: { code: 'NOT_FOUND', message: `${missing} does not exist.` } },
        { title: 'bundle.zip was not imported', error: { code: 'UNSUPPORTED_TYPE', message: expect.stringContaining(`attest import-bundle "${bundle}"`) } }
      ])
    } finally {
      dir.cleanup()
    }
  })
})
