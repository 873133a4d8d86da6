// Every exported annotation re-anchored by routes that share no code with
// Attest's extractors: from the bag's files alone, the text rendition sliced
// at the annotation's offsets, the original HTML loaded into Chromium's DOM
// (playwright-core, scripts off), the original PDF read through pdf.js's text
// layer on the page the FragmentSelector names, plain text decoded as is.
// Each must give back the linked words.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../electron/core/bundle/export-bundle'
import { listSnapshots, getSnapshotText } from '../../electron/core/archive/snapshots'
import { resolveSource } from '../../electron/core/archive/sources'
import { createLink } from '../../electron/core/linking/links'
import { tempArchive, tempDir, testStamp } from '../helpers/temp-archive'
import { gold, importCaseWithGoldLinks } from '../helpers/troops-case'
import { nth } from '../helpers/nth'
import { CHROMIUM } from './harness'

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex')
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()
// Letters and digits only: a PDF text layer splits words at line ends with hyphens and spaces anywhere.
const letters = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase()

let archive: ReturnType<typeof tempArchive>
let out: ReturnType<typeof tempDir>
let bag: string
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  archive = tempArchive()
  out = tempDir()
  const { report, sentences } = await importCaseWithGoldLinks(archive.db)
  // The gold links land on whichever snapshot of a source has the words
  // first; link the proclamation's HTML and PDF renderings too, so every
  // original format is exercised.
  const proclamation = resolveSource(archive.db, 'proclamation-10886')
  const evidence = gold.sentences.flatMap((g) => g.evidence.filter((e) => e.source === 'proclamation-10886').map((e) => ({ g, e })))
  for (const snap of listSnapshots(archive.db, proclamation.id).filter((s) => s.mediaType !== 'text/plain')) {
    const cps = [...getSnapshotText(archive.db, snap.id)!]
    for (const { g, e } of evidence) {
      const at = cps.join('').indexOf(e.exact)
      if (at < 0) continue
      const start = [...cps.join('').slice(0, at)].length
      createLink(archive.db, testStamp('ana'), { sentenceId: nth(sentences, g.index).id, snapshotId: snap.id, start, end: start + [...e.exact].length, relation: e.relation })
    }
  }
  bag = join(out.path, 'bag')
  await exportBundle(archive.db, report.id, bag, { format: 'dir', claimReview: false, now: new Date('2026-02-03T10:00:00Z') })
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  context = await browser.newContext({ javaScriptEnabled: false, offline: true })
}, 180_000)
afterAll(async () => {
  await browser?.close()
  archive?.cleanup()
  out?.cleanup()
})

const readJson = (p: string) => JSON.parse(readFileSync(join(bag, 'data', p), 'utf8'))

// Many annotations anchor in the same original: each original is read once
// (one pdf.js parse per PDF page, one Chromium page per HTML file) and every
// annotation's selector is checked against that reading. Loading the same
// bytes again per annotation proved nothing more and cost a Chromium
// renderer process each time.
const pdfPages = new Map<string, Promise<string>>()
const htmlPages = new Map<string, Promise<Page>>()

function pdfPageText(bytes: Uint8Array, page: number): Promise<string> {
  const key = `${sha256(bytes)}#${page}`
  const known = pdfPages.get(key)
  if (known) return known
  const text = readPdfPageText(bytes, page)
  pdfPages.set(key, text)
  return text
}

async function readPdfPageText(bytes: Uint8Array, page: number): Promise<string> {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))
  const pdfjs = await import(pathToFileURL(join(root, 'legacy/build/pdf.mjs')).href)
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true }).promise
  try {
    const content = await (await doc.getPage(page)).getTextContent()
    return content.items.map((i: { str?: string }) => i.str ?? '').join(' ')
  } finally {
    await doc.destroy()
  }
}

/** The HTML loaded into Chromium's DOM (scripts off, offline), once per file. */
function htmlPage(html: Buffer): Promise<Page> {
  const key = sha256(html)
  const known = htmlPages.get(key)
  if (known) return known
  const loaded = (async () => {
    const page = await context.newPage()
    await page.setContent(html.toString('utf8'), { waitUntil: 'domcontentloaded' })
    return page
  })()
  htmlPages.set(key, loaded)
  return loaded
}

async function domText(html: Buffer, css: string): Promise<string> {
  return (await htmlPage(html)).locator(css).first().innerText()
}

describe('annotations anchor in the bag’s own files, by independent routes', () => {
  it('finds the linked words of every annotation in the text rendition and in the original HTML, PDF or text', async () => {
    const items = readJson('annotations.jsonld').first.items
    const anchoredIn = new Map<string, number>()
    for (const a of items) {
      for (const side of [a.target, a.body]) {
        const [rendition, original] = side.type === 'Choice' ? side.items : [side]
        // The rendition: the text file whose hash is its id, sliced at the position selector.
        const snapSha = rendition.source['dcterms:isFormatOf'].slice('urn:sha256:'.length)
        const meta = readJson(`snapshots/${snapSha}.meta.json`)
        const text = readFileSync(join(bag, 'data', meta.text))
        expect(`urn:sha256:${sha256(text)}`).toBe(rendition.source.id)
        const [position, quote] = rendition.selector
        expect([...text.toString('utf8')].slice(position.start, position.end).join(''), a.id).toBe(quote.exact)
        if (!original) continue
        // The original, from its bytes.
        const bytes = readFileSync(join(bag, 'data', meta.bytes))
        expect(`urn:sha256:${sha256(bytes)}`).toBe(original.source.id)
        const sel = original.selector
        const format = original.source.format
        if (sel.type === 'CssSelector') {
          const dom = collapse(await domText(bytes, sel.value))
          const q = sel.refinedBy
          expect(dom, `${a.id} in the HTML DOM`).toContain(q.exact)
          expect(dom, `${a.id}: prefix and suffix in the DOM`).toContain(collapse(`${q.prefix ?? ''}${q.exact}${q.suffix ?? ''}`))
        } else if (sel.type === 'FragmentSelector') {
          const page = Number(/^page=(\d+)$/.exec(sel.value)![1])
          expect(letters(await pdfPageText(bytes, page)), `${a.id} on PDF page ${page}`).toContain(letters(sel.refinedBy.exact))
        } else {
          expect(sel.type).toBe('TextQuoteSelector')
          expect(collapse(bytes.toString('utf8')), `${a.id} in the original text`).toContain(collapse(`${sel.prefix ?? ''}${sel.exact}${sel.suffix ?? ''}`))
        }
        anchoredIn.set(format, (anchoredIn.get(format) ?? 0) + 1)
      }
    }
    // Every kind of original the case has was exercised.
    expect([...anchoredIn.keys()].sort()).toEqual(['application/pdf', 'text/html', 'text/plain'])
  }, 180_000)
})
