// The set-up browser tests share: the troops-border case as the CLI imports
// it, in a fresh archive, `attest serve` on it, Chromium with a fresh profile open —
// and axe's verdict on the page shown.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright-core'
import { copyImportedCase } from './case-template'
import { ensureBuilt, launchBrowser, startServe } from './harness'

export interface ServedCase {
  archive: string
  /** The served app's address, with its token. */
  url: string
  context: BrowserContext
  page: Page
  /** Stops the browser and the server and removes the temp folder. */
  close(): Promise<void>
}

/**
 * `name` tells the temp folder apart; `prepare` runs before the archive is
 * served (CLI commands on it). Whatever was started is stopped again when
 * a step fails.
 */
export async function serveCase(name: string, prepare: (archive: string) => void = () => {}): Promise<ServedCase> {
  ensureBuilt()
  const tmp = mkdtempSync(join(tmpdir(), `attest-e2e-${name}-`))
  const archive = join(tmp, 'archive')
  let serve: ReturnType<typeof startServe> | null = null
  let context: BrowserContext | null = null
  const close = async () => {
    await context?.close()
    await serve?.stop()
    rmSync(tmp, { recursive: true, force: true })
  }
  try {
    // A copy of the case imported once per build (case-template.ts): importing is review.e2e's to test.
    copyImportedCase(archive)
    prepare(archive)
    serve = startServe(archive)
    const url = await serve.url
    const browser = await launchBrowser(join(tmp, 'profile'))
    context = browser.context
    return { archive, url, context, page: browser.page, close }
  } catch (err) {
    await close()
    throw err
  }
}

/** Serious and critical violations of WCAG 2.2 AA on the page, one line each: rule, impact, the first few elements. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
}
