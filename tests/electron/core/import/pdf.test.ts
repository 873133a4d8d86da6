import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { diffArrays } from 'diff'
import { describe, expect, it } from 'vitest'
import { AttestError } from '../../../../shared/errors'
import { extractPdf, type PdfExtraction } from '../../../../electron/core/import/pdf'
import { cleanGlyphText, codePointLength } from '../../../../electron/core/import/pdf-characters'
import { DocumentLexicon, joinAtHyphen } from '../../../../electron/core/import/pdf-hyphenation'
import { passwordCandidates, saslPrep } from '../../../../electron/core/import/pdf-password'
import { nth } from '../../../helpers/nth'

// Real PDFs only, read in place from the shared test material (never copied in).
const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../..')
const SHARED = join(root, 'shared')
const CORPUS = join(SHARED, 'corpora/pdfs')
const CASE = join(SHARED, 'cases/troops-border/sources')

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path))
const corpus = (name: string): Uint8Array => read(join(CORPUS, `${name}.pdf`))
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()
/** Slice by code points, the unit of the page map. */
const slice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('')

async function errorOf(promise: Promise<unknown>): Promise<AttestError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(AttestError)
    return err as AttestError
  }
  throw new Error('expected extractPdf to throw')
}

function expectConsistentPageMap(result: PdfExtraction): void {
  expect(result.pages.map((p) => p.page)).toEqual(Array.from({ length: result.pageCount }, (_, i) => i + 1))
  result.pages.forEach((p, i) => {
    expect(p.end).toBeGreaterThanOrEqual(p.start)
    if (i > 0) {
      expect(p.start).toBe(nth(result.pages, i - 1).end + 2)
      expect(slice(result.text, nth(result.pages, i - 1).end, p.start)).toBe('\n\n')
    } else {
      expect(p.start).toBe(0)
    }
  })
  expect(result.pages.at(-1)?.end).toBe(codePointLength(result.text))
  expect(result.text).not.toContain('\f')
}

describe('extractPdf: two-column printout of Proclamation 10886', () => {
  const gold = readFileSync(join(CASE, 'proclamation-10886.txt'), 'utf8')
  const extraction = extractPdf(read(join(CASE, 'proclamation-10886.2col.pdf')))

  it('finds every gold passage after collapsing whitespace', async () => {
    const text = collapse((await extraction).text)
    const section1 = collapse(gold.slice(gold.indexOf('The Secretary of Defense, or the Secretary of each relevant')))
    const paragraph = section1.slice(0, section1.indexOf('of the southern border of the United States.') + 44)
    expect(paragraph.length).toBeGreaterThan(300)
    for (const passage of [
      'hereby declare that a national emergency exists at the southern border of the United States',
      'shall order as many units or members of the Armed Forces, including the Ready Reserve and the National Guard',
      'to construct additional physical barriers along the southern border',
      'Within 90 days of the date of this proclamation, the Secretary of Defense and the Secretary of Homeland Security shall submit a joint report to the President',
      'including whether to invoke the Insurrection Act of 1807',
      paragraph
    ]) {
      expect(text).toContain(passage)
    }
  })

  it('has the same words as the source text, in the same order', async () => {
    // The printout adds one header line on page 1 that is not in the source.
    const words = (s: string): string[] => s.split(/\s+/).filter(Boolean)
    const pdfWords = words((await extraction).text.replace(/^Print of the White House[^\n]*\n/, ''))
    const goldWords = words(gold)
    let matched = 0
    for (const part of diffArrays(goldWords, pdfWords)) if (!part.added && !part.removed) matched += part.count ?? 0
    const rate = matched / goldWords.length
    console.info(`2col word-order match: ${matched}/${goldWords.length} = ${(rate * 100).toFixed(2)}%`)
    expect(rate).toBeGreaterThanOrEqual(0.995)
    expect(pdfWords.length).toBe(goldWords.length)
  })

  it('keeps compound hyphens that fall at a line end', async () => {
    const text = collapse((await extraction).text)
    expect(text).toContain('unvetted military-age males')
    expect(text).toContain('two thousand twenty-five')
    expect(text).toContain('human traffickers') // "tra" + "ff" ligature glyph + "ickers"
  })

  it('maps offsets to the right pages', async () => {
    const result = await extraction
    expect(result.pageCount).toBe(3)
    expect(result.textLayer).toBe('ok')
    expectConsistentPageMap(result)
    const page = (n: number): string => collapse(slice(result.text, nth(result.pages, n - 1).start, nth(result.pages, n - 1).end))
    expect(page(1)).toMatch(/^Print of the White House/)
    expect(page(1)).toContain('I hereby direct as follows:')
    expect(page(1)).not.toContain('Deployment of Personnel')
    expect(page(2)).toMatch(/^Section 1\. Deployment of Personnel and Resources\./)
    expect(page(2)).toContain('to construct additional physical barriers along the southern border')
    expect(page(3)).toContain('IN WITNESS WHEREOF')
    expect(page(3)).not.toContain('Section 1.')
  })

  it('reports method and document info', async () => {
    const result = await extraction
    expect(result.method).toMatch(/^pdfjs-dist 5\.6\.205 \(legacy build\)/)
    expect(result.method).toMatch(/column-aware reading order/)
    expect(result.method).toMatch(/ligatures/)
    expect(result.info.title).toBe('Declaring a National Emergency at the Southern Border of the United States')
    expect(result.info.producer).toBe('Skia/PDF m156')
    expect(result.info.creationDate).toBe('2026-11-27T23:29:35.000Z')
    expect(result.warnings).toEqual([])
  })
})

describe('extractPdf: corpus outcomes', () => {
  it('multi-column paper (tracemonkey_a11y): columns are read one after the other', async () => {
    const result = await extractPdf(corpus('tracemonkey_a11y'))
    const text = collapse(result.text)
    // Each sentence spans several lines of one column; interleaving columns would break it.
    const intro = text.indexOf('Dynamic languages such as JavaScript, Python, and Ruby, are popular since they are expressive')
    const leftBottom = text.indexOf('JavaScript, for example, is the de facto standard for client-side web programming')
    const rightTop = text.indexOf('and is used for the application logic of browser-based productivity applications')
    const rightMiddle = text.indexOf(
      'Compilers for statically typed languages rely on type information to generate efficient machine code.'
    )
    expect(intro).toBeGreaterThan(0)
    expect(leftBottom).toBeGreaterThan(intro)
    expect(rightTop).toBeGreaterThan(leftBottom)
    expect(rightMiddle).toBeGreaterThan(rightTop)
    expect(text).toContain('Trace-based Just-in-Time Type Specialization for Dynamic Languages')
  })

  it('multi-column, 14 pages (highlights): sentences survive column breaks', async () => {
    const result = await extractPdf(corpus('highlights'))
    expect(result.pageCount).toBe(14)
    expectConsistentPageMap(result)
    expect(result.pages.every((p) => p.end > p.start)).toBe(true)
    const text = collapse(result.text)
    expect(text).toContain(
      'We present a trace-based compilation technique for dynamic languages that reconciles speed of compilation with excellent performance of the generated machine code.'
    )
  })

  it('long document (TAMReview): 23 pages, undecodable fonts are flagged', async () => {
    const result = await extractPdf(corpus('TAMReview'))
    expect(result.pageCount).toBe(23)
    expect(result.pages).toHaveLength(23)
    expectConsistentPageMap(result)
    expect(result.info.title).toBe('Overview of the Technology Acceptance Model: Origins, Developments and Future Directions')
    expect(collapse(result.text)).toContain('User acceptance of technology has been an important field of study')
    // Pages 2–22 use fonts with no Unicode mapping: say so rather than pretend.
    expect(result.warnings.some((w) => /pages 2–22 have fonts without a Unicode mapping/.test(w))).toBe(true)
    // eslint-disable-next-line no-control-regex -- asserting no raw glyph codes leak through
    expect(result.text).not.toMatch(/[\u0000-\u0008\u000E-\u001F]/)
  })

  it('ligatures (copy_paste_ligatures) become letters', async () => {
    const result = await extractPdf(corpus('copy_paste_ligatures'))
    expect(result.text).toBe('abcdeffffiflffifflſtstghijklmno')
    expect(result.text).not.toMatch(/[\uFB00-\uFB06]/)
  })

  it('Arabic CID TrueType font (ArabicCIDTrueType) extracts readable Arabic', async () => {
    const result = await extractPdf(corpus('ArabicCIDTrueType'))
    expect(result.textLayer).toBe('ok')
    expect(result.text).toMatch(/\p{Script=Arabic}/u)
    // Right-to-left words in reading order, presentation forms mapped to base letters.
    expect(result.text.split('\n')[0]).toBe('انواع الخطوط العربية')
    expect(result.text).not.toMatch(/[\uFE70-\uFEFF]/)
  })

  it('invisible OCR text (issue4684) is kept, with a warning', async () => {
    const result = await extractPdf(corpus('issue4684'))
    expect(collapse(result.text)).toBe(
      'A broken TrueType font, missing the "glyf" table, used by OCR software to enable text-selection.'
    )
    expect(result.warnings.some((w) => /invisible text \(OCR layer\) kept/.test(w))).toBe(true)
  })

  it('no text layer (issue13561_reduced): textLayer "none", not an error', async () => {
    const result = await extractPdf(corpus('issue13561_reduced'))
    expect(result.textLayer).toBe('none')
    expect(result.text).toBe('')
    expect(result.pageCount).toBe(1)
    expect(result.pages).toEqual([{ page: 1, start: 0, end: 0 }])
    expect(result.warnings[0]).toMatch(/no page has a text layer/)
  })

  it('empty user password, RC4 (bug900822) opens without asking', async () => {
    const result = await extractPdf(corpus('bug900822'))
    expect(collapse(result.text)).toContain('Pdf Test 1')
    expect(result.info.title).toBe('PDF Browser test')
  })

  it('encrypted (issue3371) needs a password; with it, opens (a scan: no text layer)', async () => {
    const missing = await errorOf(extractPdf(corpus('issue3371')))
    expect(missing.code).toBe('PDF_PASSWORD_REQUIRED')
    expect(missing.message).toMatch(/--password/)
    const wrong = await errorOf(extractPdf(corpus('issue3371'), { password: 'not-it' }))
    expect(wrong.code).toBe('PDF_WRONG_PASSWORD')
    const result = await extractPdf(corpus('issue3371'), { password: 'ELXRTQWS' })
    expect(result.pageCount).toBe(1)
    expect(result.textLayer).toBe('none')
  })

  it('AES-256 R5 with a non-ASCII password (issue21579) opens via its UTF-8 spelling', async () => {
    const result = await extractPdf(corpus('issue21579'), { password: 'pässwört' })
    expect(collapse(result.text)).toContain('If you can read this, decryption succeeded.')
    // The decomposed spelling of the same password works too.
    const nfd = await extractPdf(corpus('issue21579'), { password: 'pässwört'.normalize('NFD') })
    expect(collapse(nfd.text)).toContain('decryption succeeded')
  })

  it('AES-256 R6 (saslprep-r6) opens with its upstream password after SASLprep', async () => {
    // pdf.js's test manifest gives "S\u00AASL\u00ADprep"; SASLprep makes it "SaSLprep".
    const result = await extractPdf(corpus('saslprep-r6'), { password: 'S\u00AASL\u00ADprep' })
    expect(collapse(result.text)).toBe('Hello pdf.js world')
    // The corpus README's "pässwört" is not this file's password: an honest wrong-password error.
    const wrong = await errorOf(extractPdf(corpus('saslprep-r6'), { password: 'pässwört' }))
    expect(wrong.code).toBe('PDF_WRONG_PASSWORD')
  })

  it('missing xref keyword (xref_command_missing) is repaired', async () => {
    const result = await extractPdf(corpus('xref_command_missing'))
    expect(result.text).toBe('Reduced test-case')
  })

  it('CAD drawing with a page-sized watermark glyph (issue9418) keeps lines apart', async () => {
    const result = await extractPdf(corpus('issue9418'))
    expect(result.text).toContain('General Notes')
    expect(result.text).toContain('Revision/Issue')
    expect(result.text).not.toContain('No.No.') // a block painted twice is read once
  })

  it('fuzzer case (REDHAT-1531897-0) gives a clear PDF_INVALID, no hang', async () => {
    const err = await errorOf(extractPdf(corpus('REDHAT-1531897-0')))
    expect(err.code).toBe('PDF_INVALID')
    expect(err.message).toMatch(/^This file is not a readable PDF \(.+\)\. It may be damaged or not a PDF at all\.$/)
    expect(err.message).toMatch(/document catalog/)
  })
})

describe('extractPdf: input errors', () => {
  it('zero bytes → EMPTY_FILE', async () => {
    expect((await errorOf(extractPdf(new Uint8Array(0)))).code).toBe('EMPTY_FILE')
  })

  it('garbage bytes named .pdf → PDF_INVALID naming the problem', async () => {
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251)
    const err = await errorOf(extractPdf(garbage))
    expect(err.code).toBe('PDF_INVALID')
    expect(err.message).toMatch(/does not start with a PDF header/)
  })

  it('a truncated PDF → text or PDF_INVALID, never a hang', async () => {
    const bytes = corpus('tracemonkey_a11y')
    const outcome = await extractPdf(bytes.slice(0, Math.floor(bytes.length / 3))).then(
      (r) => r.pageCount,
      (err: unknown) => (err instanceof AttestError ? err.code : 'other')
    )
    expect([1, 'PDF_INVALID']).toContain(outcome)
  })

  it('does not detach the caller’s buffer', async () => {
    const bytes = corpus('xref_command_missing')
    await extractPdf(bytes)
    expect(bytes.byteLength).toBeGreaterThan(0)
    expect((await extractPdf(bytes)).text).toBe('Reduced test-case')
  })
})

describe('line-end hyphens', () => {
  const lexicon = new DocumentLexicon()
  lexicon.addLines(['a national emer-', 'gency exists; the emergency is', 'a cross-border and state-run matter'])

  it('joins a word broken by the typesetter', () => {
    expect(joinAtHyphen('a national emer-', 'gency exists', lexicon)).toBe('a national emer')
    expect(joinAtHyphen('the tra-', 'ffickers', lexicon)).toBe('the tra')
  })

  it('keeps the hyphen of compounds', () => {
    expect(joinAtHyphen('unvetted military-', 'age males', lexicon)).toBe('unvetted military-')
    expect(joinAtHyphen('two thousand twenty-', 'five', lexicon)).toBe('two thousand twenty-')
    expect(joinAtHyphen('the cross-', 'border', lexicon)).toBe('the cross-') // seen hyphenated elsewhere
    expect(joinAtHyphen('anti-', 'American', lexicon)).toBe('anti-') // next word capitalised
    expect(joinAtHyphen('pages 10-', '12', lexicon)).toBe('pages 10-')
  })

  it('leaves dashes that are punctuation alone', () => {
    expect(joinAtHyphen('see below -', 'next', lexicon)).toBeNull()
    expect(joinAtHyphen('no hyphen', 'next', lexicon)).toBeNull()
  })

  it('drops soft hyphens', () => {
    expect(joinAtHyphen('emer\u00AD', 'gency', lexicon)).toBe('emer')
  })

  it('does not learn words from the broken halves', () => {
    expect(lexicon.has('emer')).toBe(false)
    expect(lexicon.has('gency')).toBe(false)
    expect(lexicon.has('emergency')).toBe(true)
  })
})

describe('characters and passwords', () => {
  it('maps ligatures and presentation forms, keeps other compatibility characters', () => {
    expect(cleanGlyphText('\uFB01nancial \uFB00 \uFB03')).toBe('financial ff ffi')
    expect(cleanGlyphText('½ ™ ²')).toBe('½ ™ ²') // no blanket NFKC
    expect(cleanGlyphText('\uFEE0\uFEE4')).toBe('لم')
    expect(cleanGlyphText('a\u00A0b\u2009c')).toBe('a b c')
  })

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('a😀b')).toBe(3)
  })

  it('prepares passwords with SASLprep and UTF-8 spellings', () => {
    expect(saslPrep('S\u00AASL\u00ADprep')).toBe('SaSLprep')
    expect(passwordCandidates('ELXRTQWS')).toEqual(['ELXRTQWS'])
    const candidates = passwordCandidates('pässwört')
    expect(candidates[0]).toBe('pässwört')
    expect(candidates).toContain('pässwört'.normalize('NFD'))
    expect(candidates).toContain(Buffer.from('pässwört', 'utf8').toString('latin1'))
  })
})
