import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importBytes, importFile } from '../../../../electron/core/import/import-file'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { listSnapshots } from '../../../../electron/core/archive/snapshots'
import { AttestError } from '../../../../shared/errors'
import { CASE_DIR, PDF_CORPUS, tempArchive, testStamp } from '../../../helpers/temp-archive'
import { sha256OfFile, writeLargeTextFile } from '../../../helpers/large-text-file'

// Every bad input gives text or one clear error, and never harms what the
// archive already holds: each test starts from an archive with one document
// in it and ends with check-integrity passing and that document intact.

let a: ReturnType<typeof tempArchive>
let firstSha: string
beforeEach(async () => {
  a = tempArchive()
  const r = await importFile(a.db, testStamp(), join(CASE_DIR, 'sources/jtfn-about.txt'))
  firstSha = r.snapshot.sha256
})
afterEach(() => {
  const report = checkIntegrity(a.db)
  expect(report.problems).toEqual([])
  expect(listSnapshots(a.db).some((s) => s.sha256 === firstSha)).toBe(true)
  a.cleanup()
})

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (err) {
    if (err instanceof AttestError) return err.code
    throw err
  }
}

describe('bad input', () => {
  it('refuses a zero-byte file with EMPTY_FILE', async () => {
    const file = join(a.dir, 'empty.txt')
    writeFileSync(file, '')
    await expect(importFile(a.db, testStamp(), file)).rejects.toMatchObject({ code: 'EMPTY_FILE', message: expect.stringMatching(/empty/) })
  })

  it('refuses garbage named .pdf, saying it is not a PDF', async () => {
    const file = join(a.dir, 'fake.pdf')
    writeFileSync(file, Buffer.from('GIF89a this is not a pdf at all \x00\x01\x02'))
    await expect(importFile(a.db, testStamp(), file)).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: expect.stringMatching(/not a PDF/)
    })
  })

  it('handles every PDF of the shared corpus: text (OCR for a scan) or a clear error', async () => {
    const results: Record<string, string> = {}
    for (const name of readdirSync(PDF_CORPUS).filter((n) => n.endsWith('.pdf')).sort()) {
      results[name] = await outcome(importFile(a.db, testStamp(), join(PDF_CORPUS, name)))
    }
    // Encrypted files ask for their password; the rest yield text (or a kept scan).
    expect(results).toMatchObject({
      'issue3371.pdf': 'PDF_PASSWORD_REQUIRED',
      'bug900822.pdf': 'ok',
      'issue13561_reduced.pdf': 'ok',
      'tracemonkey_a11y.pdf': 'ok',
      'TAMReview.pdf': 'ok',
      'ArabicCIDTrueType.pdf': 'ok'
    })
    for (const [name, code] of Object.entries(results)) {
      expect(['ok', 'PDF_PASSWORD_REQUIRED', 'PDF_INVALID'], name).toContain(code)
    }
    // A scanned diagram: its labels come from OCR, and the snapshot says so.
    const scan = listSnapshots(a.db).find((s) => s.fileName === 'issue13561_reduced.pdf')!
    expect(scan.textStatus).toBe('ok')
    expect(scan.textMethod).toMatch(/OCR of pages without text: tesseract\.js/)
    expect(scan.warnings.join(' ')).toMatch(/no text layer: the text there is from OCR/i)
    expect(scan.metadata.ocr).toMatchObject({ engine: 'tesseract.js', language: 'eng', pages: [1] })
  })

  it('keeps a scan without text when OCR is turned off, and says so', async () => {
    const r = await importFile(a.db, testStamp(), join(PDF_CORPUS, 'issue13561_reduced.pdf'), { ocr: false })
    expect(r.snapshot.textStatus).toBe('no-text-layer')
    expect(r.snapshot.textLength).toBe(0)
    expect(r.warnings.join(' ')).toMatch(/no text layer.*until it is OCRed/i)
  })

  it('opens an encrypted PDF with its password and reports a wrong one as such', async () => {
    const file = join(PDF_CORPUS, 'issue3371.pdf')
    expect(await outcome(importFile(a.db, testStamp(), file, { password: 'nope' }))).toBe('PDF_WRONG_PASSWORD')
    // ocr: false: its one page is a scan, and reading it is the corpus test's, not this one's.
    const r = await importFile(a.db, testStamp(), file, { password: 'ELXRTQWS', ocr: false })
    expect(r.snapshot.textStatus).not.toBe('empty')
    expect(r.snapshot.pageCount).toBe(1)
  })

  it('archives HTML full of scripts without running them, keeping only the text', async () => {
    const html = `<!doctype html><html><head><title>Hostile</title><script>globalThis.__pwned = true</script></head>
      <body onload="globalThis.__pwned = true"><p>Real sentence one about the border.</p>
      <script>document.write('<p>INJECTED</p>')</script><img src=x onerror="globalThis.__pwned=true">
      <p>Real sentence two.</p></body></html>`
    const r = await importBytes(a.db, testStamp(), Buffer.from(html), { fileName: 'hostile.html' })
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined()
    const text = a.db.prepare('SELECT text FROM snapshots WHERE id = ?').pluck().get(r.snapshot.id) as string
    expect(text).toContain('Real sentence one')
    expect(text).not.toContain('INJECTED')
    expect(text).not.toContain('__pwned')
  })

  it('detects text that is not UTF-8 and records the encoding', async () => {
    const latin1 = Buffer.from('Le président a signé le décret à Paris; café crème.', 'latin1')
    const r = await importBytes(a.db, testStamp(), latin1, { fileName: 'fr.txt' })
    expect(r.snapshot.textEncoding).toMatch(/windows-1252|iso-8859-1/)
    const text = a.db.prepare('SELECT text FROM snapshots WHERE id = ?').pluck().get(r.snapshot.id) as string
    expect(text).toContain('président')
  })

  // 200 MB (48 s of a loaded run) is in large-file.exhaustive.test.ts, the exhaustive project.
  it('archives a 20 MB file byte for byte', async () => {
    const file = join(a.dir, 'big.txt')
    const target = 20 * 1024 * 1024
    writeLargeTextFile(file, target)
    const r = await importFile(a.db, testStamp(), file)
    expect(r.snapshot.byteSize).toBeGreaterThanOrEqual(target)
    expect(r.snapshot.sha256).toBe(await sha256OfFile(file))
    expect(r.snapshot.textStatus).toBe('ok')
  }, 180_000)

  it('reports a full disk as DISK_FULL and keeps the archive as it was', async () => {
    const pages = a.db.pragma('page_count', { simple: true }) as number
    a.db.pragma(`max_page_count = ${pages + 4}`)
    const big = Buffer.from('x'.repeat(2_000_000) + ' end.')
    await expect(importBytes(a.db, testStamp(), big, { fileName: 'too-big.txt' })).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/full/)
    })
    expect(listSnapshots(a.db)).toHaveLength(1)
  })

  it('keeps the same bytes once: importing an identical file again changes nothing', async () => {
    const r = await importFile(a.db, testStamp(), join(CASE_DIR, 'sources/jtfn-about.txt'))
    expect(r.created).toBe(false)
    expect(listSnapshots(a.db)).toHaveLength(1)
    expect(readFileSync(join(CASE_DIR, 'sources/jtfn-about.txt')).length).toBe(r.snapshot.byteSize)
  })
})
