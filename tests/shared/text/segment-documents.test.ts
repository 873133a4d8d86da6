// segment() on real documents it was not written against: the proclamation
// and executive order of the troops-border case (plain text, HTML, and the
// text pdf.js extracts from a two-column print), and papers of the pdf.js
// test corpus. There is no gold split for them, so the checks are the
// properties a reader can verify: the same document splits the same whatever
// format it came in, every list item is its own sentence, section labels stay
// with their headings — and a plain proxy measured against segmenter 1 in the
// same run: sentences that start with a lowercase letter, which in these
// documents are pieces cut from the middle of a sentence.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { extractHtml } from '../../../electron/core/import/html'
import { extractPdf } from '../../../electron/core/import/pdf'
import { segment } from '../../../shared/text/segment'
import { nth } from '../../helpers/nth'
import { CASE_DIR, PDF_CORPUS } from '../../helpers/temp-archive'
import { segment as segmentV1 } from './segment-v1/segment'

const SOURCES = join(CASE_DIR, 'sources')

function read(path: string): string {
  return readFileSync(path, 'utf8')
}

async function pdfText(path: string): Promise<string> {
  return (await extractPdf(new Uint8Array(readFileSync(path)))).text
}

/** Sentence texts with whitespace runs collapsed, so that formats can be compared. */
function sentences(text: string): string[] {
  return segment(text).map((s) => s.text.replace(/\s+/g, ' '))
}

/** The enumerators that open sentences, in order: "(a)", "(ii)"… */
function itemsOpening(split: string[]): string[] {
  return split.flatMap((s) => /^\((?:[a-z]|[ivx]+)\)/.exec(s) ?? [])
}

const startsLowercase = (s: { text: string }) => /^\p{Ll}/u.test(s.text)

describe('segment on real documents', () => {
  const texts: Record<string, string> = {}
  const text = (name: string): string => nth(texts, name)

  beforeAll(async () => {
    texts['proclamation.txt'] = read(join(SOURCES, 'proclamation-10886.txt'))
    texts['proclamation.html'] = extractHtml(read(join(SOURCES, 'proclamation-10886.html'))).text
    texts['proclamation.2col.pdf'] = await pdfText(join(SOURCES, 'proclamation-10886.2col.pdf'))
    texts['eo-14167.txt'] = read(join(SOURCES, 'eo-14167.txt'))
    texts['eo-14167.html'] = extractHtml(read(join(SOURCES, 'eo-14167.html'))).text
    for (const name of ['TAMReview', 'tracemonkey_a11y', 'highlights']) texts[`${name}.pdf`] = await pdfText(join(PDF_CORPUS, `${name}.pdf`))
  })

  it('splits the proclamation alike from its plain text, its HTML and its two-column PDF', () => {
    const txt = sentences(text('proclamation.txt'))
    // the HTML extraction leaves the title out; the PDF print adds a two-sentence header
    expect(sentences(text('proclamation.html'))).toEqual(txt.slice(1))
    const pdf = sentences(text('proclamation.2col.pdf'))
    expect(pdf.slice(0, 2)).toEqual(['Print of the White House web page as captured 2025-01-22 05:16:36 UTC.', 'Two-column layout made for testing.'])
    expect(pdf.slice(2)).toEqual(txt)
    // the PDF wraps the title and breaks a page inside item (ii): both are whitespace
    expect(pdf).toContain('Declaring a National Emergency at the Southern Border of the United States')
    expect(pdf).toContain('(ii) the functions of the Director of the Office of Management and Budget relating to budgetary, administrative, or legislative proposals.')
  })

  it('makes every item of the proclamation and the executive order its own sentence', () => {
    for (const name of ['proclamation.txt', 'proclamation.html', 'proclamation.2col.pdf']) {
      expect(itemsOpening(sentences(text(name))), name).toEqual(['(a)', '(b)', '(a)', '(i)', '(ii)', '(b)', '(c)'])
    }
    for (const name of ['eo-14167.txt', 'eo-14167.html']) {
      expect(itemsOpening(sentences(text(name))), name).toEqual(
        ['(a)', '(b)', '(c)', '(a)', '(b)', '(i)', '(ii)', '(iii)', '(a)', '(i)', '(ii)', '(b)', '(c)']
      )
    }
    // the heading before an item is a sentence of its own, the item holds only itself
    const eo = sentences(text('eo-14167.txt'))
    expect(eo).toContain('Section 1. Purpose.')
    expect(eo).toContain('The Secretary of Defense shall:')
    expect(eo.filter((s) => /\s\((?:[a-z]|[ivx]+)\)\s/.test(s))).toEqual([])
  })

  it('keeps each section label with its heading, apart from the text under it', () => {
    expect(sentences(text('proclamation.txt')).filter((s) => /^Sec(?:tion|\.)/.test(s))).toEqual([
      'Section 1. Deployment of Personnel and Resources.',
      'Sec. 2. Additional Physical Barriers.',
      'Sec. 3. Unmanned Aerial Systems.',
      'Sec. 4. Revision of Policies and Strategies.',
      'Sec. 5. Revocation.',
      'Sec. 6. Reporting Requirement.',
      'Sec. 7. General Provisions.'
    ])
    expect(sentences(text('eo-14167.txt')).slice(-2)).toEqual(['THE WHITE HOUSE,', 'January 20, 2025.'])
  })

  it('keeps the title-page lines of a paper apart', () => {
    const paper = sentences(text('TAMReview.pdf'))
    expect(paper.slice(0, 3)).toEqual([
      'Working Papers on Information Systems ISSN 1535-6078',
      'Overview of the Technology Acceptance Model: Origins, Developments and Future Directions',
      'Mohammad Chuttur Indiana University, USA'
    ])
  })

  it('cuts fewer sentences in the middle than segmenter 1 (sentences starting in lowercase)', () => {
    const rows = Object.entries(texts).map(([name, text]) => {
      const before = segmentV1(text)
      const now = segment(text)
      return { name, before: before.length, now: now.length, lowercaseBefore: before.filter(startsLowercase).length, lowercaseNow: now.filter(startsLowercase).length }
    })
    console.log(
      'real documents (segmenter 1 → now): ' +
        rows.map((r) => `${r.name} ${r.before} → ${r.now} sentences, ${r.lowercaseBefore} → ${r.lowercaseNow} lowercase starts`).join('; ')
    )
    for (const r of rows) expect(r.lowercaseNow, r.name).toBeLessThanOrEqual(r.lowercaseBefore)
    const total = (key: 'lowercaseBefore' | 'lowercaseNow') => rows.reduce((sum, r) => sum + r[key], 0)
    expect(total('lowercaseNow')).toBeLessThan(total('lowercaseBefore'))
    expect(rows.find((r) => r.name === 'proclamation.2col.pdf')!.lowercaseNow).toBe(0)
  })
})
