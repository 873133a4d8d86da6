// The menu's commands clicked with Electron's dialogs answered by a stand-in,
// over real archives in the core host.
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MenuCommand } from '../../../shared/api/events'
import { createArchiveSwitcher } from '../../../electron/main/archive-switcher'
import { createImportBatch } from '../../../electron/main/import-batch'
import { createMenuActions } from '../../../electron/main/menu-actions'
import { createRecentArchives } from '../../../electron/main/recent-archives'
import { createShellDialogs } from '../../../electron/main/shell-dialogs'
import { tempDir } from '../../helpers/temp-archive'
import { FAKE_WINDOW, fakeDialog } from './fake-dialog'

describe('the menu’s commands', () => {
  const dir = tempDir()
  const f = fakeDialog()
  const dialogs = createShellDialogs(f.dialog, () => FAKE_WINDOW)
  const recent = createRecentArchives(join(dir.path, 'profile', 'recent-archives.json'))
  const toRenderer: MenuCommand[] = []
  let menuRefreshes = 0
  const archive = createArchiveSwitcher({ progress: () => {}, showError: dialogs.showError, onSwitched: (path) => void recent.add(path) })
  const actions = createMenuActions({
    dialogs,
    archive,
    recent,
    importBatch: createImportBatch({ progress: () => {}, onFinished: () => toRenderer.push('archive-changed'), showError: dialogs.showError }),
    refreshMenu: () => menuRefreshes++,
    toRenderer: (c) => toRenderer.push(c),
    documentsDir: () => join(dir.path, 'Documents'),
    appVersion: '9.9.9'
  })
  const lastMessage = () => f.messages().at(-1)
  const archivePath = join(dir.path, 'case.attest')

  beforeAll(async () => {
    f.willSave(join(dir.path, 'case'))
    await actions.newArchive()
  })
  afterAll(async () => {
    await archive.close()
    dir.cleanup()
  })

  it('New archive creates the file (with .attest added), opens it and puts it first in the recent list', () => {
    expect(f.shown[0]).toMatchObject({ kind: 'save', options: { title: 'New archive', defaultPath: join(dir.path, 'Documents', 'archive.attest') } })
    expect(archive.path()).toBe(archivePath)
    expect(existsSync(archivePath)).toBe(true)
    expect(recent.list()).toEqual([archivePath])
  })

  it('New archive refuses a file that exists, and keeps the open archive', async () => {
    const other = join(dir.path, 'other.attest')
    writeFileSync(other, 'someone else’s file')
    f.willSave(other)
    await actions.newArchive()
    expect(lastMessage()).toMatchObject({ type: 'error', title: 'Not created', detail: `${other} already exists; use Open archive… to open it. [INVALID_ARGUMENT]` })
    expect(archive.path()).toBe(archivePath)
  })

  it('Export bundle with no report says to import one first', async () => {
    await actions.exportBundle()
    expect(lastMessage()).toMatchObject({ type: 'info', message: 'No report to export', detail: 'Import a report first (File ▸ Import report…).' })
  })

  it('Import files imports what it can and names each file it could not import', async () => {
    const note = join(dir.path, 'note.txt')
    writeFileSync(note, 'Officials said the figure was 37 thousand.\n')
    const absent = join(dir.path, 'absent.txt')
    f.willOpen(note, absent)
    await actions.importFiles()
    expect(toRenderer).toEqual(['archive-changed'])
    expect(lastMessage()).toMatchObject({ type: 'error', title: '1 of 2 could not be imported', detail: expect.stringMatching(/^absent\.txt: .+/) })
    await expect(archive.run('getArchiveInfo', {})).resolves.toMatchObject({ ok: true, value: { counts: { sources: 1 } } })
  })

  it('Import report, then Export bundle writes the report’s bundle where the user said', async () => {
    const report = join(dir.path, 'report.txt')
    writeFileSync(report, 'The minister said 40 thousand troops were sent.\n')
    f.willOpen(report)
    await actions.importReport()
    const bundle = join(dir.path, 'out.zip')
    f.willSave(bundle)
    await actions.exportBundle()
    expect(f.shown.at(-2)).toMatchObject({ kind: 'save', options: { title: 'Export bundle', defaultPath: 'report-1.zip' } })
    expect(lastMessage()).toEqual({ type: 'info', message: 'Bundle exported', detail: bundle })
    expect(existsSync(bundle)).toBe(true)
  })

  it('Open recent drops an archive that no longer exists from the list, and says so', async () => {
    const gone = join(dir.path, 'gone.attest')
    recent.add(gone)
    const refreshes = menuRefreshes
    await actions.openRecent(gone)
    expect(recent.list()).not.toContain(gone)
    expect(menuRefreshes).toBe(refreshes + 1)
    expect(lastMessage()).toMatchObject({ type: 'error', title: 'Archive not found' })
    expect(archive.path()).toBe(archivePath)
  })

  it('About names the version and the open archive', async () => {
    await actions.about()
    expect(lastMessage()).toMatchObject({ title: 'About Attest', detail: expect.stringContaining(`Version 9.9.9\nArchive: ${archivePath}`) })
  })
})
