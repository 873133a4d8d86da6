import { describe, expect, it } from 'vitest'
import { openRequestFor, openRequests } from '../../../electron/main/opened-files'

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
