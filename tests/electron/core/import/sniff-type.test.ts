import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { readFileSync } from 'node:fs'
import { AttestError } from '../../../../shared/errors'
import { sniffType } from '../../../../electron/core/import/sniff-type'
import { CASE_SOURCES } from '../../../helpers/temp-archive'

const SOURCES = CASE_SOURCES
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const bytes = (...parts: Array<number[] | Uint8Array>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => Array.from(p)))

describe('sniffType', () => {
  it('throws EMPTY_FILE for zero bytes', () => {
    let caught: unknown
    try {
      sniffType(new Uint8Array(), 'report.pdf')
    } catch (err) {
      caught = err
    }
    expect(caught).toBeInstanceOf(AttestError)
    expect(caught).toMatchObject({ code: 'EMPTY_FILE', message: 'The file is empty (0 bytes): nothing to archive.' })
  })

  describe('PDF', () => {
    it('recognises a real PDF by its %PDF- signature', () => {
      const r = sniffType(readFileSync(`${SOURCES}/proclamation-10886.2col.pdf`), 'proclamation-10886.2col.pdf')
      expect(r).toMatchObject({ kind: 'pdf', mediaType: 'application/pdf' })
    })

    it('finds %PDF- after leading junk within the first 1024 bytes', () => {
      expect(sniffType(bytes(new Uint8Array(500).fill(0x20), utf8('%PDF-1.7\n')), 'x.bin').kind).toBe('pdf')
    })

    it('ignores %PDF- beyond the first 1024 bytes', () => {
      expect(sniffType(bytes(new Uint8Array(1100).fill(0x20), utf8('%PDF-1.7\n'))).kind).not.toBe('pdf')
    })

    it('lets the signature win over the file name', () => {
      expect(sniffType(utf8('%PDF-1.4\n%âãÏÓ\n'), 'notes.txt').kind).toBe('pdf')
    })

    it('says so when a file named .pdf is not a PDF', () => {
      expect(sniffType(utf8('just some text'), 'report.PDF')).toEqual({
        kind: 'unknown',
        mediaType: 'application/octet-stream',
        reason: 'named .pdf but the bytes are not a PDF'
      })
    })

    it('adds that a file named .pdf looks like an HTML page when it does', () => {
      const r = sniffType(utf8('<!DOCTYPE html><html><body>Access denied</body></html>'), 'report.pdf')
      expect(r.kind).toBe('unknown')
      expect(r.reason).toMatch(/^named \.pdf but the bytes are not a PDF \(they look like an HTML page/)
    })
  })

  describe('HTML', () => {
    it('recognises the archived HTML sources by content', () => {
      for (const name of ['proclamation-10886.html', 'eo-14167.html']) {
        expect(sniffType(readFileSync(`${SOURCES}/${name}`))).toMatchObject({ kind: 'html', mediaType: 'text/html' })
      }
    })

    it('recognises <html, <head and <body starts, in any case', () => {
      for (const start of ['<html lang="en">', '<HEAD>', '<body>', '<!doctype HTML>']) {
        expect(sniffType(utf8(`${start}<p>x</p>`), 'saved.txt').kind).toBe('html')
      }
    })

    it('looks past a BOM, whitespace, comments and an XML prolog', () => {
      const page = '\n  <!-- saved from url=(0014)about:internet -->\n<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">'
      expect(sniffType(bytes([0xef, 0xbb, 0xbf], utf8(page))).kind).toBe('html')
    })

    it('recognises UTF-16 HTML with a BOM', () => {
      expect(sniffType(bytes([0xff, 0xfe], iconv.encode('<!DOCTYPE html><p>x</p>', 'utf-16le'))).kind).toBe('html')
    })

    it('does not take text that merely mentions a tag for HTML', () => {
      expect(sniffType(utf8('Use <html> to start a page.')).kind).toBe('text')
    })

    it('takes text named .html or .htm as HTML even without a leading tag', () => {
      expect(sniffType(utf8('<p>fragment</p>'), 'page.htm')).toMatchObject({ kind: 'html', mediaType: 'text/html' })
      expect(sniffType(utf8('hello'), 'C:\\saved\\Page.HTML').kind).toBe('html')
    })
  })

  describe('text and markdown', () => {
    it('recognises the archived .txt sources as plain text', () => {
      expect(sniffType(readFileSync(`${SOURCES}/eo-14167.txt`), 'eo-14167.txt')).toMatchObject({
        kind: 'text',
        mediaType: 'text/plain'
      })
    })

    it('takes .md and .markdown as markdown', () => {
      expect(sniffType(utf8('# Title\n\nBody'), 'notes.md')).toMatchObject({ kind: 'markdown', mediaType: 'text/markdown' })
      expect(sniffType(utf8('# Title'), 'notes.markdown').kind).toBe('markdown')
    })

    it('takes text bytes without a known extension as plain text', () => {
      expect(sniffType(utf8('café, no name'))).toMatchObject({ kind: 'text', mediaType: 'text/plain' })
      expect(sniffType(bytes(utf8('caf'), [0xe9]), 'notes').kind).toBe('text')
    })

    it('counts UTF-16 with a BOM as text despite its NUL bytes', () => {
      expect(sniffType(bytes([0xff, 0xfe], iconv.encode('plain words', 'utf-16le'))).kind).toBe('text')
      expect(sniffType(bytes([0xfe, 0xff], iconv.encode('plain words', 'utf-16be'))).kind).toBe('text')
    })
  })

  describe('Word', () => {
    const zipHolding = (...names: string[]): Uint8Array => bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], ...names.map(utf8))

    it('recognises a zip holding word/document.xml as a Word document, whatever its name', () => {
      for (const name of ['memo.docx', 'memo.bin', undefined]) {
        expect(sniffType(zipHolding('[Content_Types].xml', 'word/document.xml'), name)).toMatchObject({
          kind: 'docx',
          mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        })
      }
    })

    it('says so when a file named .docx is another zip, or no zip at all', () => {
      expect(sniffType(zipHolding('xl/workbook.xml'), 'memo.docx')).toMatchObject({ kind: 'unknown', reason: 'named .docx but the zip holds no Word document' })
      expect(sniffType(utf8('<html><body>Sign in</body></html>'), 'memo.docx')).toMatchObject({
        kind: 'unknown',
        reason: 'named .docx but the bytes are not a zip (every .docx is one)'
      })
    })
  })

  describe('e-mail', () => {
    const headers = (...lines: string[]): Uint8Array => utf8(`${lines.join('\r\n')}\r\n\r\nBody.`)

    it('recognises a message by its From and Date fields, past a long relay chain', () => {
      const relays = Array.from({ length: 40 }, (_, i) => `Received: from relay${i}.example.net by mx.example.org;\r\n\tMon, 2 Feb 2026 09:15:0${i % 10} +0000`)
      expect(sniffType(headers(...relays, 'From: a@example.org', 'Date: Mon, 2 Feb 2026 09:15:00 +0000'))).toMatchObject({ kind: 'email', mediaType: 'message/rfc822' })
    })

    it('needs only one known field when the file is named .eml', () => {
      expect(sniffType(headers('Subject: Draft', 'X-Unsent: 1'), 'draft.eml').kind).toBe('email')
    })

    it('leaves notes that merely start with a field or two as text', () => {
      expect(sniffType(headers('Subject: groceries', 'Note: eggs'), 'list.txt').kind).toBe('text')
      expect(sniffType(utf8('Title: My post\nDate: 2026-01-01\n\nHello'), 'post.md').kind).toBe('markdown')
    })

    it('recognises an mbox by its "From " separator followed by headers', () => {
      expect(sniffType(utf8('From a@example.org Mon Feb  2 09:15:00 2026\nFrom: a@example.org\nSubject: x\n\nBody\n'))).toMatchObject({
        kind: 'mbox',
        mediaType: 'application/mbox'
      })
    })

    it('says so when a file named .eml or .mbox holds no e-mail', () => {
      expect(sniffType(utf8('Dear diary'), 'x.eml')).toMatchObject({ kind: 'unknown', reason: 'named .eml but it does not start with e-mail headers' })
      expect(sniffType(utf8('Dear diary'), 'x.mbox')).toMatchObject({ kind: 'unknown', reason: 'named .mbox but it does not start with e-mail headers' })
    })
  })

  describe('binary', () => {
    it('calls bytes with NULs unknown, with a reason', () => {
      const r = sniffType(bytes([0x01, 0x02, 0x00, 0x03]), 'data.txt')
      expect(r.kind).toBe('unknown')
      expect(r.mediaType).toBe('application/octet-stream')
      expect(r.reason).toMatch(/NUL bytes.*binary.*\(named \.txt\)/)
    })

    it('calls a binary file named .html unknown', () => {
      expect(sniffType(bytes([0x00, 0x00, 0x01]), 'page.html').kind).toBe('unknown')
    })

    it('names common binary formats in the reason', () => {
      expect(sniffType(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'bundle.zip').reason).toMatch(/ZIP-based/)
      expect(sniffType(bytes([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x00]), 'chart.gif').reason).toMatch(/GIF image.*cannot archive/)
    })
  })

  describe('images (text by OCR)', () => {
    it('knows PNG, JPEG, WebP and TIFF by their signatures, whatever the name', () => {
      const cases: Array<[number[], string]> = [
        [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00], 'image/png'],
        [[0xff, 0xd8, 0xff, 0xe0, 0x00], 'image/jpeg'],
        [[0x52, 0x49, 0x46, 0x46, 0x10, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56], 'image/webp'],
        [[0x49, 0x49, 0x2a, 0x00, 0x08], 'image/tiff'],
        [[0x4d, 0x4d, 0x00, 0x2a, 0x00], 'image/tiff']
      ]
      for (const [magic, mediaType] of cases) {
        expect(sniffType(bytes(magic), 'scan.txt'), mediaType).toMatchObject({ kind: 'image', mediaType })
      }
    })

    it('does not take a RIFF file that is not WebP (e.g. a WAV) for an image', () => {
      const wav = bytes([0x52, 0x49, 0x46, 0x46, 0x10, 0x00, 0x00, 0x00, 0x57, 0x41, 0x56, 0x45, 0x00])
      expect(sniffType(wav, 'sound.webp').kind).toBe('unknown')
    })
  })
})
