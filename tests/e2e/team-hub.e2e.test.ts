// Issue 12's "done when", in Chromium against two `attest serve`s and a real
// PostgreSQL hub: Alice and Bob split the troops-border report on their own
// archives, work offline, sync from the header, see each other's links, give
// one sentence different statuses (a dispute both see, with who and when),
// resolve it, and Bob — an editor — signs Alice's verdict off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { copyImportedCase } from './case-template'
import { attest, contextFor, ensureBuilt, launchSharedBrowser, SHOTS, startServe } from './harness'
import { startTestHub, type TestHub } from '../electron/core/hub/fixture'
import { openArchive } from '../../electron/core/archive/open-archive'

interface Desk {
  name: string
  archive: string
  serve: ReturnType<typeof startServe>
  url: string
  context: BrowserContext
  page: Page
  problems: string[]
}

let tmp = ''
// Alice's and Bob's desks: a context each in one Chromium, as apart as two browsers (harness.ts).
let browser: Browser
let hub: TestHub
const desks: Record<'alice' | 'bob', Desk> = {} as never
const SLOW = { timeout: 60_000 }

const withoutPassword = (url: string): string => url.replace(/:[^:@/]*@/, '@')

async function openDesk(name: 'alice' | 'bob', editor: boolean): Promise<Desk> {
  const memberUrl = await hub.member(`${name}_team`, { editor, displayName: name })
  const archive = join(tmp, `${name}.attest`)
  openArchive(archive, { create: true }).close() // Bob starts with an empty archive
  const setName = attest('whoami', '--archive', archive, '--set', name)
  if (setName.status !== 0) throw new Error(`whoami failed: ${setName.stderr}`)
  // The password reaches PostgreSQL from the server's environment, never the archive.
  const serve = startServe(archive, { ...process.env, PGPASSWORD: `${name}_team-secret` })
  const url = await serve.url
  const { context, page, problems } = await contextFor(browser)
  await page.goto(url)
  // Join the hub from the header.
  await page.getByRole('button', { name: 'Team hub…' }).click(SLOW)
  await page.locator('#hub-url').fill(withoutPassword(memberUrl))
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByRole('group', { name: 'Team hub' }).waitFor(SLOW)
  return { name, archive, serve, url, context, page, problems }
}

const shot = (d: Desk, name: string) => d.page.screenshot({ path: join(SHOTS, `${name}.png`) })
const hubState = (d: Desk) => d.page.getByRole('group', { name: 'Team hub' })

async function sync(d: Desk): Promise<void> {
  await hubState(d).getByRole('button', { name: 'Sync' }).click()
  await expect.poll(() => hubState(d).getByRole('status').textContent(), SLOW).toMatch(/synced|changes? to sync/)
  await expect.poll(() => hubState(d).getByRole('status').textContent(), SLOW).not.toMatch(/syncing/)
}

async function setStatus(d: Desk, sentence: number, key: string, cls: string): Promise<void> {
  await d.page.goto(`${d.url}#/report/1/s/${sentence}`)
  await d.page.locator(`#sentence-${sentence - 1}`).click(SLOW)
  await d.page.keyboard.press(key)
  await expect.poll(() => d.page.locator(`#sentence-${sentence - 1}`).getAttribute('class'), SLOW).toContain(cls)
}

describe('a desk of two on a PostgreSQL hub (attest serve ×2, Chromium)', () => {
  beforeAll(async () => {
    ensureBuilt()
    tmp = mkdtempSync(join(tmpdir(), 'attest-e2e-team-'))
    hub = await startTestHub()
    browser = await launchSharedBrowser()
    // A copy of the case imported once per build (case-template.ts): importing is review.e2e's to test.
    copyImportedCase(join(tmp, 'alice.attest'))
    desks.alice = await openDesk('alice', false)
    desks.bob = await openDesk('bob', true)
  }, 240_000)

  afterAll(async () => {
    for (const d of Object.values(desks)) {
      await d.context?.close()
      await d.serve?.stop()
    }
    await browser?.close()
    await hub?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('gives Bob, joining with an empty archive, Alice\'s whole case by one Sync', async () => {
    await sync(desks.alice)
    await sync(desks.bob)
    await desks.bob.page.goto(`${desks.bob.url}#/`)
    await desks.bob.page.getByText('Trump', { exact: false }).first().waitFor(SLOW)
    await shot(desks.bob, '40-team-bob-after-first-sync')
  })

  it('shows each one\'s links to the other after they work apart and sync', async () => {
    // Split the report: Alice links sentence 2, Bob sentence 4, each offline.
    const a = attest('link', '1', '1', '--archive', desks.alice.archive, '--source', 'eo-14167', '--quote', 'A National Emergency currently exists along the southern border of the United States.', '--relation', 'supports')
    const b = attest('link', '1', '3', '--archive', desks.bob.archive, '--source', 'dvids-8844268', '--quote', '66th MP Co. arrives in Texas', '--relation', 'context')
    expect([a.status, a.stderr, b.status, b.stderr]).toEqual([0, '', 0, ''])
    await sync(desks.alice)
    await sync(desks.bob)
    await sync(desks.alice)
    for (const [d, n] of [[desks.alice, 4], [desks.bob, 2]] as const) {
      await d.page.goto(`${d.url}#/report/1/s/${n}`)
      await expect.poll(() => d.page.getByTestId('link-item').count(), SLOW).toBeGreaterThan(0)
    }
    await shot(desks.alice, '41-team-alice-sees-bobs-link')
  })

  it('makes a status given apart a dispute both see, until one of them resolves it', async () => {
    await setStatus(desks.alice, 3, '1', 'status-supported')
    await setStatus(desks.bob, 3, '3', 'status-contradicted')
    await sync(desks.alice)
    await sync(desks.bob)
    await sync(desks.alice)
    for (const d of [desks.alice, desks.bob]) {
      await expect.poll(() => hubState(d).getByRole('button', { name: /1 disputed/ }).count(), SLOW).toBe(1)
      await hubState(d).getByRole('button', { name: /1 disputed/ }).click()
      const team = d.page.getByRole('region', { name: 'Team' })
      await team.getByText('Contradicted').waitFor(SLOW)
      expect(await team.textContent()).toMatch(/Supported — alice/)
      expect(await team.textContent()).toMatch(/Contradicted — bob/)
    }
    await shot(desks.bob, '42-team-dispute')
    // Bob looked again: Alice was right. Opening the sentence from the Team view and setting it resolves it.
    await desks.bob.page.getByRole('region', { name: 'Team' }).getByRole('button', { name: 'Sentence 3' }).click()
    await setStatus(desks.bob, 3, '1', 'status-supported')
    await sync(desks.bob)
    await sync(desks.alice)
    await desks.alice.page.goto(`${desks.alice.url}#/team`)
    await desks.alice.page.getByText('No disputed sentences.').waitFor(SLOW)
  })

  it('lets Bob, an editor, sign Alice\'s verdict off — and not Alice', async () => {
    const bob = desks.bob.page
    await bob.goto(`${desks.bob.url}#/team`)
    await bob.getByRole('button', { name: /Require an editor/ }).click(SLOW)
    await sync(desks.bob)
    await setStatus(desks.alice, 5, '1', 'status-supported')
    await sync(desks.alice)
    await desks.alice.page.goto(`${desks.alice.url}#/team`)
    await desks.alice.page.getByText('waiting for an editor').first().waitFor(SLOW)
    expect(await desks.alice.page.getByRole('button', { name: 'Sign off' }).count()).toBe(0)
    await sync(desks.bob)
    await bob.goto(`${desks.bob.url}#/team`)
    const row = bob.locator('.team-list li', { hasText: 'Sentence 5' })
    await row.getByRole('button', { name: 'Sign off' }).click(SLOW)
    await bob.getByText(/Signed off \(\d+\)/).waitFor(SLOW)
    await shot(desks.bob, '43-team-signed-off')
    await sync(desks.bob)
    await sync(desks.alice)
    await desks.alice.page.goto(`${desks.alice.url}#/team`)
    await desks.alice.page.getByText(/Signed off \(\d+\)/).click(SLOW)
    expect(await desks.alice.page.locator('details').textContent()).toMatch(/Sentence 5: Supported by alice, signed off by bob/)
    await shot(desks.alice, '44-team-alice-sees-sign-off')
    for (const d of Object.values(desks)) expect(d.problems).toEqual([])
  })
})
