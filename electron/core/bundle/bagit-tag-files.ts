// Text formats of BagIt tag files (RFC 8493 §2): bagit.txt, bag-info.txt,
// manifests and fetch.txt — formatting for the writer, parsing for the
// validator. Parsers never throw on bad input: they return what they could
// read plus findings, because a validator must report every problem, not the
// first one.
//
// Version matters: BagIt 1.0 (RFC 8493) tightened rules that 0.97 bags in the
// wild break (spaces around `:` in bag-info, `%` in names), so parsers take a
// `strict` flag that is true for 1.0 and later.

import iconv from 'iconv-lite'
import { decodeManifestPath, encodeManifestPath } from './bag-paths'

export const BAGIT_TXT = 'bagit.txt'
export const BAG_INFO_TXT = 'bag-info.txt'
export const FETCH_TXT = 'fetch.txt'
export const WRITTEN_VERSION = '1.0'

/** A parse finding; the validator decides whether it is a problem or a warning. */
export interface TagFinding {
  severity: 'problem' | 'warning'
  code: string
  message: string
}

export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  // A final terminator yields one empty trailing element; it is not a line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

// ---------------------------------------------------------------- bagit.txt

export function formatBagitTxt(): string {
  return `BagIt-Version: ${WRITTEN_VERSION}\nTag-File-Character-Encoding: UTF-8\n`
}

export interface BagitDeclaration {
  version: string | null
  encoding: string | null
  findings: TagFinding[]
}

/**
 * RFC 8493 §2.1.1: exactly two lines, in order, `BagIt-Version: M.N` and
 * `Tag-File-Character-Encoding: ENCODING`, UTF-8 without a byte-order mark.
 * The ABNF has exactly one space after the colon and none before it; we hold
 * every version to that (the suite's `bagit-with-invalid-whitespace` must
 * fail), but still pull out the values when we can so later checks run.
 */
export function parseBagitTxt(bytes: Uint8Array): BagitDeclaration {
  const findings: TagFinding[] = []
  const problem = (code: string, message: string): void => {
    findings.push({ severity: 'problem', code, message })
  }
  if (startsWithBom(bytes)) problem('BAGIT_TXT_BOM', 'bagit.txt starts with a byte-order mark, which RFC 8493 forbids')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    problem('BAGIT_TXT_ENCODING', 'bagit.txt is not valid UTF-8')
    return { version: null, encoding: null, findings }
  }
  const lines = splitLines(text)
  if (lines.length !== 2) {
    problem('BAGIT_TXT_FORMAT', `bagit.txt must have exactly 2 lines (version, encoding), found ${lines.length}`)
  }
  const strictVersion = /^BagIt-Version: ([0-9]+\.[0-9]+)$/.exec(lines[0] ?? '')
  const looseVersion = /^\s*BagIt-Version\s*:\s*(\S*)\s*$/.exec(lines[0] ?? '')
  let version: string | null = strictVersion?.[1] ?? null
  if (!strictVersion) {
    const loose = looseVersion?.[1]
    if (loose !== undefined && /^[0-9]+\.[0-9]+$/.test(loose)) {
      version = loose
      problem('BAGIT_TXT_FORMAT', `bagit.txt line 1 must be exactly "BagIt-Version: M.N" (one space after the colon, none elsewhere): ${JSON.stringify(lines[0])}`)
    } else {
      problem('BAGIT_VERSION_INVALID', `bagit.txt does not declare a valid BagIt-Version M.N: ${JSON.stringify(lines[0] ?? '')}`)
    }
  }
  const strictEncoding = /^Tag-File-Character-Encoding: (\S+)$/.exec(lines[1] ?? '')
  const looseEncoding = /^\s*Tag-File-Character-Encoding\s*:\s*(\S+)\s*$/.exec(lines[1] ?? '')
  const encoding = strictEncoding?.[1] ?? looseEncoding?.[1] ?? null
  if (!strictEncoding) {
    problem(
      'BAGIT_TXT_FORMAT',
      looseEncoding
        ? `bagit.txt line 2 must be exactly "Tag-File-Character-Encoding: ENCODING": ${JSON.stringify(lines[1])}`
        : 'bagit.txt does not declare Tag-File-Character-Encoding on line 2'
    )
  }
  return { version, encoding, findings }
}

/** True for versions whose rules are RFC 8493's (1.0 and later). */
export function isStrictVersion(version: string | null): boolean {
  if (version === null) return true
  return Number(version.split('.')[0]) >= 1
}

// ------------------------------------------------------------- tag encoding

export interface DecodedTagText {
  text: string
  findings: TagFinding[]
}

/** Decode a tag file per the encoding bagit.txt declares. */
export function decodeTagFile(bytes: Uint8Array, declared: string, name: string): DecodedTagText {
  const findings: TagFinding[] = []
  const label = declared.toLowerCase()
  if (label === 'utf-8' || label === 'utf8') {
    let body = bytes
    if (startsWithBom(bytes)) {
      findings.push({ severity: 'warning', code: 'TAG_FILE_BOM', message: `${name} starts with a byte-order mark` })
      body = bytes.subarray(3)
    }
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), findings }
    } catch {
      findings.push({ severity: 'problem', code: 'TAG_FILE_ENCODING', message: `${name} is not valid UTF-8 as bagit.txt declares` })
      return { text: new TextDecoder('utf-8').decode(body), findings }
    }
  }
  if (!iconv.encodingExists(label)) {
    findings.push({ severity: 'problem', code: 'TAG_FILE_ENCODING', message: `unsupported Tag-File-Character-Encoding "${declared}"` })
    return { text: Buffer.from(bytes).toString('latin1'), findings }
  }
  // iconv-lite's utf-16 decoder honours a BOM (the suite's UTF-16 bags have
  // one) and strips it; for other encodings a BOM cannot occur.
  return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label), findings }
}

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
}

// ------------------------------------------------------------- bag-info.txt

export type BagInfo = Record<string, string[]>

/**
 * One `Label: value` line per value, multi-valued labels repeated. Values are
 * kept on one line rather than folded: folding is optional in RFC 8493 and
 * unfolding is lossy (is the fold a space or nothing?), so one line keeps the
 * value byte-exact for whoever reads it back.
 */
export function formatBagInfo(entries: Array<[string, string]>): string {
  return entries.map(([label, value]) => `${label}: ${value}\n`).join('')
}

/** Why a caller-supplied label/value cannot go into bag-info.txt, or null. */
export function badBagInfoElement(label: string, value: string): string | null {
  if (label.length === 0) return 'empty label'
  if (/[:\r\n]/.test(label)) return `label ${JSON.stringify(label)} contains ":" or a line break`
  if (/^\s|\s$/.test(label)) return `label ${JSON.stringify(label)} starts or ends with whitespace`
  if (/[\r\n]/.test(value)) return `value of ${label} contains a line break`
  return null
}

export interface ParsedBagInfo {
  /** Labels as written; values unfolded; repeated labels keep every value in order. */
  info: BagInfo
  findings: TagFinding[]
}

/**
 * RFC 8493 §2.2.2: `Label: value`, continuation lines start with linear
 * whitespace. In 1.0 the label must not start or end with whitespace; 0.97
 * bags use looser separators (`Label : v`, `Label   :   v`; the suite's
 * `uncommon-metadata-separators` is valid) so those are accepted there.
 */
export function parseBagInfo(text: string, strict: boolean): ParsedBagInfo {
  const info: BagInfo = {}
  const findings: TagFinding[] = []
  let last: { label: string; index: number } | null = null
  splitLines(text).forEach((line, i) => {
    if (/^[ \t]/.test(line)) {
      if (last === null) {
        findings.push({ severity: 'problem', code: 'BAG_INFO_FORMAT', message: `bag-info.txt line ${i + 1} continues nothing` })
        return
      }
      const values = info[last.label]! // last names a value stored on an earlier line
      values[last.index] = `${values[last.index]} ${line.trim()}`
      return
    }
    if (line.trim() === '') {
      findings.push({ severity: 'warning', code: 'BAG_INFO_BLANK_LINE', message: `bag-info.txt line ${i + 1} is blank` })
      last = null
      return
    }
    const colon = line.indexOf(':')
    if (colon <= 0) {
      findings.push({ severity: 'problem', code: 'BAG_INFO_FORMAT', message: `bag-info.txt line ${i + 1} has no "Label:": ${JSON.stringify(line)}` })
      last = null
      return
    }
    const rawLabel = line.slice(0, colon)
    let value = line.slice(colon + 1)
    if (strict && /\s$/.test(rawLabel)) {
      findings.push({ severity: 'problem', code: 'BAG_INFO_FORMAT', message: `bag-info.txt line ${i + 1}: whitespace before ":" is not allowed in BagIt 1.0` })
    }
    if (strict && value.length > 0 && !/^[ \t]/.test(value)) {
      findings.push({ severity: 'problem', code: 'BAG_INFO_FORMAT', message: `bag-info.txt line ${i + 1}: ":" must be followed by a space or tab` })
    }
    value = value.trim()
    const label = rawLabel.trim()
    ;(info[label] ??= []).push(value)
    last = { label, index: info[label].length - 1 }
  })
  return { info, findings }
}

/** Values of `label`, matched case-insensitively (labels are case-insensitive in practice). */
export function infoValues(info: BagInfo, label: string): string[] {
  const wanted = label.toLowerCase()
  return Object.entries(info)
    .filter(([key]) => key.toLowerCase() === wanted)
    .flatMap(([, values]) => values)
}

// ---------------------------------------------------------------- manifests

export const MANIFEST_NAME = /^(tag)?manifest-([a-z0-9-]+)\.txt$/

export function formatManifest(entries: Iterable<[string, string]>): string {
  let out = ''
  for (const [path, hex] of entries) out += `${hex}  ${encodeManifestPath(path)}\n`
  return out
}

export interface ManifestLine {
  /** 1-based line number, for messages. */
  line: number
  hash: string
  /** Path relative to the bag root, decoded; leading `./` or md5sum's `*` removed. */
  path: string
  /** The path exactly as written. */
  raw: string
}

export interface ParsedManifest {
  lines: ManifestLine[]
  findings: TagFinding[]
}

/**
 * `CHECKSUM<whitespace>PATH` per line (RFC 8493 §2.1.3). Two spellings seen in
 * real bags are tolerated with a warning: a leading `./` (the suite's
 * `bag-with-leading-dot-slash-in-manifest` is valid) and md5sum's binary-mode
 * marker `*` before the path (`made-with-md5sum-tools`).
 */
export function parseManifest(text: string, name: string, strict: boolean): ParsedManifest {
  const lines: ManifestLine[] = []
  const findings: TagFinding[] = []
  splitLines(text).forEach((lineText, i) => {
    if (lineText.trim() === '') return
    const m = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(lineText)
    if (!m) {
      findings.push({ severity: 'problem', code: 'MANIFEST_LINE_INVALID', message: `${name} line ${i + 1} is not "CHECKSUM PATH": ${JSON.stringify(lineText)}` })
      return
    }
    const [, hash = '', raw = ''] = m // both groups always match
    let path = raw
    if (/^[0-9A-Fa-f]+ \*/.test(lineText)) {
      path = path.slice(1)
      findings.push({ severity: 'warning', code: 'MANIFEST_MD5SUM_STYLE', message: `${name} line ${i + 1} uses md5sum's "*" binary marker` })
    }
    if (path.startsWith('./')) {
      path = path.slice(2)
      findings.push({ severity: 'warning', code: 'MANIFEST_DOT_SLASH', message: `${name} line ${i + 1} starts its path with "./"` })
    }
    if (strict) path = decodeManifestPath(path)
    lines.push({ line: i + 1, hash: hash.toLowerCase(), path, raw })
  })
  return { lines, findings }
}

// ---------------------------------------------------------------- fetch.txt

export interface FetchLine {
  line: number
  url: string
  length: number | null
  path: string
}

/** `URL LENGTH PATH` per line (RFC 8493 §2.2.3); LENGTH may be `-`. */
export function parseFetch(text: string, strict: boolean): { lines: FetchLine[]; findings: TagFinding[] } {
  const lines: FetchLine[] = []
  const findings: TagFinding[] = []
  splitLines(text).forEach((lineText, i) => {
    if (lineText.trim() === '') return
    const m = /^(\S+)[ \t]+(\d+|-)[ \t]+(.+)$/.exec(lineText)
    if (!m) {
      findings.push({ severity: 'problem', code: 'FETCH_LINE_INVALID', message: `fetch.txt line ${i + 1} is not "URL LENGTH PATH": ${JSON.stringify(lineText)}` })
      return
    }
    const [, url = '', length = '', rawPath = ''] = m // every group always matches
    const path = strict ? decodeManifestPath(rawPath) : rawPath
    lines.push({ line: i + 1, url, length: length === '-' ? null : Number(length), path })
  })
  return { lines, findings }
}
