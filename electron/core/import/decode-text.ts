// Bytes → text for archived sources (HTML and plain text).
//
// The text we return is what every offset (quotes, selectors, highlights) is
// measured over, so it stays byte-faithful: apart from dropping a byte-order
// mark we do NOT normalise line endings (CRLF / CR stay as they are), Unicode
// normal form, or anything else. Normalising here would silently shift every
// stored offset relative to the archived bytes.
//
// The order of evidence, strongest first:
//   1. a byte-order mark (it cannot appear by accident at offset 0),
//   2. a declared charset (HTML <meta>, HTTP Content-Type) that iconv-lite knows,
//   3. the bytes being valid UTF-8 (a strict decode; random legacy bytes
//      almost never pass it),
//   4. statistical detection (chardet), which is a guess and says so in a
//      warning; windows-1252 when even that fails.

import chardet from 'chardet'
import iconv from 'iconv-lite'

export type DecodeConfidence = 'bom' | 'declared' | 'valid-utf8' | 'detected'

export interface DecodedText {
  text: string
  /** Encoding actually used to decode, lowercase (e.g. 'utf-8', 'windows-1252', 'shift_jis'). */
  encoding: string
  confidence: DecodeConfidence
  warnings: string[]
}

// chardet scans the whole buffer; a prefix is enough to tell encodings apart
// and keeps a 20 MB file from costing seconds.
const DETECTION_SAMPLE_BYTES = 256 * 1024

// Below this (chardet reports 0–100) we say the guess is weak, not just a guess.
const WEAK_DETECTION = 50

export function decodeText(bytes: Uint8Array, hint?: { charset?: string }): DecodedText {
  const warnings: string[] = []

  const bom = detectBom(bytes)
  if (bom) {
    const text = iconv.decode(toBuffer(bytes.subarray(bom.length)), bom.encoding)
    if (hint?.charset && canonicalName(hint.charset) !== bom.encoding) {
      warnings.push(`declared charset "${hint.charset}" ignored: the file starts with a ${bom.encoding} byte-order mark`)
    }
    return { text, encoding: bom.encoding, confidence: 'bom', warnings }
  }

  if (hint?.charset) {
    const declared = canonicalName(hint.charset)
    if (iconv.encodingExists(declared)) {
      const encoding = browserCompatible(declared, bytes, warnings)
      const text = iconv.decode(toBuffer(bytes), encoding)
      if (encoding === 'utf-8' && text.includes('\ufffd') && !isValidUtf8(bytes)) {
        // Honour the declaration as a browser would (the reader saw U+FFFD too),
        // but tell the fact-checker the page was probably mislabelled.
        warnings.push('declared utf-8 but the bytes contain invalid UTF-8 sequences; they were replaced with U+FFFD')
      }
      return { text, encoding, confidence: 'declared', warnings }
    }
    warnings.push(`declared charset "${hint.charset}" is not a known encoding; ignored`)
  }

  if (isValidUtf8(bytes)) {
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', confidence: 'valid-utf8', warnings }
  }

  const guess = detect(bytes)
  const encoding = browserCompatible(guess.encoding, bytes, [])
  const confidence = Math.round(guess.confidence) / 100
  warnings.push(
    guess.confidence > 0
      ? `encoding guessed as ${encoding} (confidence ${confidence})`
      : `encoding could not be detected; decoded as ${encoding}`
  )
  if (guess.confidence < WEAK_DETECTION) {
    warnings.push('the guess is weak: check accented or non-Latin characters against the original')
  }
  return { text: iconv.decode(toBuffer(bytes), encoding), encoding, confidence: 'detected', warnings }
}

function detectBom(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', length: 3 }
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return undefined
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    // ignoreBOM: true so a decode never drops anything silently; BOMs are handled above.
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}

function detect(bytes: Uint8Array): { encoding: string; confidence: number } {
  const candidates = chardet.analyse(bytes.subarray(0, DETECTION_SAMPLE_BYTES))
  for (const c of candidates) {
    const name = canonicalName(c.name)
    // We already know the bytes are not UTF-8 (or ASCII, a subset of it);
    // chardet still offers them with low confidence for short inputs.
    if (name === 'utf-8' || name === 'ascii') continue
    if (!iconv.encodingExists(name)) continue
    return { encoding: name, confidence: c.confidence }
  }
  return { encoding: 'windows-1252', confidence: 0 }
}

// Labels differ in spelling only ("UTF8", "Latin1", "Shift-JIS"); we record
// one lowercase spelling per encoding so the archive is consistent.
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  latin1: 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  iso88591: 'iso-8859-1',
  'iso_8859-1': 'iso-8859-1',
  'us-ascii': 'ascii',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  'ms_kanji': 'shift_jis'
}

function canonicalName(label: string): string {
  const lower = label.trim().toLowerCase()
  return ALIASES[lower] ?? lower
}

// Browsers decode pages labelled ISO-8859-1 or ASCII as windows-1252 (the
// WHATWG Encoding Standard maps those labels to it). The two differ only in
// bytes 0x80–0x9F, where windows-1252 has curly quotes and dashes; decode as
// the reader saw the page, and say so when it mattered.
function browserCompatible(encoding: string, bytes: Uint8Array, warnings: string[]): string {
  if (encoding === 'ascii') {
    if (!bytes.some((b) => b >= 0x80)) return 'ascii'
    warnings.push('labelled ascii but contains non-ASCII bytes; decoded as windows-1252, as browsers do')
    return 'windows-1252'
  }
  if (encoding === 'iso-8859-1' && bytes.some((b) => b >= 0x80 && b <= 0x9f)) {
    warnings.push('labelled iso-8859-1 but uses bytes 0x80–0x9F; decoded as windows-1252, as browsers do')
    return 'windows-1252'
  }
  return encoding
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
