import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { decodeText } from '../../../../electron/core/import/decode-text'

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
const bytes = (...parts: Array<number[] | Uint8Array>): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => Array.from(p)))

describe('decodeText', () => {
  describe('byte-order marks', () => {
    it('decodes UTF-8 with a BOM and strips the BOM from the text', () => {
      const r = decodeText(bytes([0xef, 0xbb, 0xbf], utf8('café “quoted”')))
      expect(r).toEqual({ text: 'café “quoted”', encoding: 'utf-8', confidence: 'bom', warnings: [] })
    })

    it('decodes UTF-16LE with a BOM', () => {
      const r = decodeText(bytes([0xff, 0xfe], iconv.encode('Grenze – 😀', 'utf-16le')))
      expect(r.text).toBe('Grenze – 😀')
      expect(r.encoding).toBe('utf-16le')
      expect(r.confidence).toBe('bom')
    })

    it('decodes UTF-16BE with a BOM', () => {
      const r = decodeText(bytes([0xfe, 0xff], iconv.encode('Grenze – 😀', 'utf-16be')))
      expect(r.text).toBe('Grenze – 😀')
      expect(r.encoding).toBe('utf-16be')
      expect(r.confidence).toBe('bom')
    })

    it('lets a BOM win over a contradicting declared charset, with a warning', () => {
      const r = decodeText(bytes([0xef, 0xbb, 0xbf], utf8('café')), { charset: 'windows-1252' })
      expect(r.text).toBe('café')
      expect(r.encoding).toBe('utf-8')
      expect(r.warnings.join(' ')).toMatch(/windows-1252.*ignored/)
    })
  })

  describe('declared charset', () => {
    it('uses a declared charset iconv-lite knows, recording its lowercase name', () => {
      const r = decodeText(iconv.encode('Ærøskøbing', 'iso-8859-1'), { charset: 'ISO-8859-1' })
      expect(r).toEqual({ text: 'Ærøskøbing', encoding: 'iso-8859-1', confidence: 'declared', warnings: [] })
    })

    it('decodes a page labelled iso-8859-1 as windows-1252 when it uses bytes 0x80–0x9F, as browsers do', () => {
      const r = decodeText(bytes(utf8('a '), [0x93], utf8('quote'), [0x94]), { charset: 'latin1' })
      expect(r.text).toBe('a “quote”')
      expect(r.encoding).toBe('windows-1252')
      expect(r.warnings.join(' ')).toMatch(/windows-1252, as browsers do/)
    })

    it('honours a utf-8 declaration over invalid bytes, replacing them with U+FFFD and warning', () => {
      const r = decodeText(bytes(utf8('caf'), [0xe9]), { charset: 'utf-8' })
      expect(r.text).toBe('caf\ufffd')
      expect(r.confidence).toBe('declared')
      expect(r.warnings.join(' ')).toMatch(/invalid UTF-8/)
    })

    it('ignores an unknown declared charset with a warning and goes on to the bytes', () => {
      const r = decodeText(utf8('café'), { charset: 'x-no-such-charset' })
      expect(r.text).toBe('café')
      expect(r.confidence).toBe('valid-utf8')
      expect(r.warnings.join(' ')).toMatch(/x-no-such-charset.*not a known encoding/)
    })
  })

  describe('undeclared bytes', () => {
    it('takes valid UTF-8 without a BOM as UTF-8, with no warning', () => {
      expect(decodeText(utf8('America’s “border” — 😀'))).toEqual({
        text: 'America’s “border” — 😀',
        encoding: 'utf-8',
        confidence: 'valid-utf8',
        warnings: []
      })
    })

    it('treats empty input as empty UTF-8 text', () => {
      expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8', confidence: 'valid-utf8', warnings: [] })
    })

    it('keeps CRLF and CR line endings as they are, so offsets match the bytes', () => {
      expect(decodeText(utf8('a\r\nb\rc\n')).text).toBe('a\r\nb\rc\n')
    })

    it('detects windows-1252 text ("café" as 0xE9) as not UTF-8 and decodes it right, warning that it is a guess', () => {
      const sample = 'Le café est très bon, mais la crème brûlée est meilleure. Déjà vu à Noël. « Voilà », dit-il.'
      const r = decodeText(iconv.encode(sample, 'windows-1252'))
      expect(r.text).toBe(sample)
      expect(r.confidence).toBe('detected')
      expect(['windows-1252', 'iso-8859-1']).toContain(r.encoding)
      expect(r.warnings[0]).toMatch(/^encoding guessed as (windows-1252|iso-8859-1) \(confidence 0\.\d+\)$/)
    })

    it('decodes a lone 0xE9 ("café") as windows-1252 when detection has nothing to go on', () => {
      const r = decodeText(bytes(utf8('caf'), [0xe9]))
      expect(r.text).toBe('café')
      expect(r.encoding).toBe('windows-1252')
      expect(r.confidence).toBe('detected')
      expect(r.warnings.length).toBeGreaterThan(0)
    })

    it('detects Shift_JIS', () => {
      const sample = '日本語のテキストです。これはシフトJISのサンプルです。東京都は日本の首都です。国境の警備について。'
      const r = decodeText(iconv.encode(sample, 'shift_jis'))
      expect(r).toMatchObject({ text: sample, encoding: 'shift_jis', confidence: 'detected' })
      expect(r.warnings[0]).toMatch(/^encoding guessed as shift_jis \(confidence 1\)$/)
    })

    it('does not take invalid UTF-8 sequences for UTF-8, and never throws on them', () => {
      // a truncated 2-byte sequence, an overlong encoding and a lone continuation byte
      const r = decodeText(bytes(utf8('start '), [0xc3, 0x28], utf8(' mid '), [0xc0, 0xaf], utf8(' end '), [0x80]))
      expect(r.confidence).toBe('detected')
      expect(r.encoding).not.toBe('utf-8')
      expect(r.text.startsWith('start ')).toBe(true)
      expect(r.text).toContain(' mid ')
      expect(r.warnings.length).toBeGreaterThan(0)
    })
  })
})
