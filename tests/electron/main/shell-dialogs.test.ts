import { describe, expect, it } from 'vitest'
import { bundleFileName, createShellDialogs, errorDetail, withArchiveExtension } from '../../../electron/main/shell-dialogs'
import { nth } from '../../helpers/nth'
import { FAKE_WINDOW, fakeDialog } from './fake-dialog'

describe('the shell’s dialogs', () => {
  it('shows an error’s code unless it is INTERNAL', () => {
    expect(errorDetail({ code: 'NOT_FOUND', message: 'x.attest does not exist.' })).toBe('x.attest does not exist. [NOT_FOUND]')
    expect(errorDetail({ code: 'INTERNAL', message: 'a.pdf: broken\nb.pdf: broken' })).toBe('a.pdf: broken\nb.pdf: broken')
  })

  it('names files safely: a new archive ends in .attest, a bundle after the report', () => {
    expect(withArchiveExtension('/d/case')).toBe('/d/case.attest')
    expect(withArchiveExtension('/d/case.attest')).toBe('/d/case.attest')
    expect(bundleFileName({ id: 3, title: 'T', externalId: 'AFP 2024/07: troops' })).toBe('AFP_2024_07_troops.zip')
    expect(bundleFileName({ id: 3, title: null, externalId: null })).toBe('report-3.zip')
  })

  it('asks which report only when there are several, and offers Cancel', async () => {
    const f = fakeDialog()
    const dialogs = createShellDialogs(f.dialog, () => FAKE_WINDOW)
    const reports = [
      { id: 1, title: 'One', externalId: null },
      { id: 2, title: null, externalId: 'EXT-2' },
      { id: 3, title: null, externalId: null }
    ]
    expect(await dialogs.chooseReport([nth(reports, 0)])).toBe(reports[0])
    expect(f.shown).toEqual([])
    f.willClick(1)
    expect(await dialogs.chooseReport(reports)).toBe(reports[1])
    expect(f.messages()[0]).toMatchObject({ buttons: ['One', 'EXT-2', 'Report 3', 'Cancel'], cancelId: 3 })
    f.willClick(3)
    expect(await dialogs.chooseReport(reports)).toBeNull()
  })

  it('shows errors even with no window, and asks nothing of the window when it is closed', async () => {
    const f = fakeDialog()
    const dialogs = createShellDialogs(f.dialog, () => null)
    dialogs.showError('Could not open x.attest', { code: 'NOT_FOUND', message: 'gone' })
    expect(await dialogs.pickFiles('Import files')).toEqual([])
    expect(await dialogs.newArchivePath('/docs/archive.attest')).toBeNull()
    expect(f.shown).toEqual([{ kind: 'message', options: { type: 'error', title: 'Could not open x.attest', message: 'Could not open x.attest', detail: 'gone [NOT_FOUND]' } }])
  })

  it('gives a cancelled dialog as no answer', async () => {
    const f = fakeDialog()
    const dialogs = createShellDialogs(f.dialog, () => FAKE_WINDOW)
    expect(await dialogs.pickArchive()).toBeNull()
    expect(await dialogs.pickFolder('Import case folder')).toBeNull()
    expect(await dialogs.bundlePath({ id: 1, title: null, externalId: null })).toBeNull()
    f.willSave('/d/new')
    expect(await dialogs.newArchivePath('/docs/archive.attest')).toBe('/d/new.attest')
  })
})

