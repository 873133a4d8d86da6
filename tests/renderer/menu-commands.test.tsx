// @vitest-environment jsdom
// The desktop menu's round trip, minus Electron itself: the real menu
// template's click → the command main sends → the preload's guard → the
// page's handler. Each command in MENU_COMMANDS must have a visible effect.
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import type { MenuItemConstructorOptions } from 'electron'
import { App } from '../../renderer/src/app/app'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { buildMenuTemplate, type MenuActions } from '../../electron/main/menu'
import { MENU_COMMANDS, isMenuCommand, type MenuCommand } from '../../shared/api/events'
import { memoryClient } from './helpers/memory-client'

afterEach(cleanup)

/** The App with a client whose desktop subscription the test drives, as the preload would. */
function renderApp() {
  let deliver: (command: MenuCommand) => void = () => {}
  const { client, calls } = memoryClient({
    listSources: () => [],
    listReports: () => [],
    getArchiveInfo: () => ({ path: '/tmp/a.attest', schemaVersion: 6, userName: 'tester', counts: { sources: 0, snapshots: 0, reports: 0, links: 0, events: 0 } })
  })
  const desktop = {
    ...client,
    onMenu: (cb: (command: MenuCommand) => void) => {
      deliver = cb
      return () => {}
    }
  }
  render(
    <ClientProvider client={desktop}>
      <App />
    </ClientProvider>
  )
  /** What the preload does with whatever arrives on the menu channel. */
  const fromMain = (value: unknown) => {
    if (isMenuCommand(value)) deliver(value)
  }
  return { calls, fromMain }
}

/** Clicks a menu item of the real template, collecting what it sends the renderer. */
function clickMenuItem(label: string): MenuCommand[] {
  const sent: MenuCommand[] = []
  const noop = () => {}
  const actions: MenuActions = {
    newArchive: noop, openArchive: noop, openRecent: noop, clearRecent: noop, importFiles: noop,
    importReport: noop, importCaseFolder: noop, exportBundle: noop, about: noop,
    toRenderer: (c) => sent.push(c)
  }
  const items = buildMenuTemplate(actions, { isDev: false, platform: 'linux', recent: [] })
    .flatMap((m) => (Array.isArray(m.submenu) ? (m.submenu as MenuItemConstructorOptions[]) : []))
  const item = items.find((i) => i.label === label)
  if (!item?.click) throw new Error(`no menu item "${label}"`)
  ;(item.click as () => void)()
  return sent
}

describe('desktop menu commands', () => {
  it('Edit ▸ Find in archive puts the cursor in the search box', async () => {
    const { fromMain } = renderApp()
    const search = await screen.findByPlaceholderText(/Search the archive/)
    const sent = clickMenuItem('Find in archive')
    expect(sent).toEqual(['focus-search'])
    sent.forEach(fromMain)
    expect(document.activeElement).toBe(search)
  })

  it('archive-changed reloads the lists (File ▸ Open, menu imports)', async () => {
    const { calls, fromMain } = renderApp()
    await waitFor(() => expect(calls.filter((c) => c.name === 'listSources')).toHaveLength(1))
    fromMain('archive-changed')
    await waitFor(() => expect(calls.filter((c) => c.name === 'listSources')).toHaveLength(2))
    expect(calls.filter((c) => c.name === 'listReports')).toHaveLength(2)
  })

  it('every command the contract lists is one the page handles; anything else never reaches it', () => {
    expect([...MENU_COMMANDS].sort()).toEqual(['archive-changed', 'focus-search'])
    for (const stray of ['open-search', 'export-bundle', '', 42, null, { command: 'focus-search' }]) expect(isMenuCommand(stray)).toBe(false)
  })
})
