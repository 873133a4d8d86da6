import { stat } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { AttestError } from '../../../shared/errors'
import { readInputFile } from '../import/read-input'
import { parseWithCitationJs } from './citation-engine'
import type { CslItem } from './csl-mapping'
import { parseZoteroRdf, type RdfReference } from './zotero-rdf'

/** A reference library is text: 32 MB is tens of thousands of entries; bigger is refused before it is read. */
export const MAX_REFERENCE_FILE_BYTES = 32 * 1024 * 1024
export const MAX_REFERENCES = 20_000

export type ReferenceFormat = 'csl-json' | 'bibtex' | 'ris' | 'zotero-rdf'

const EXTENSIONS: Record<string, ReferenceFormat> = {
  '.json': 'csl-json',
  '.bib': 'bibtex',
  '.bibtex': 'bibtex',
  '.ris': 'ris',
  '.rdf': 'zotero-rdf'
}

/** The format from the file name, else from how the text starts. */
export function referenceFormatOf(fileName: string, text: string): ReferenceFormat {
  const byName = EXTENSIONS[extname(fileName).toLowerCase()]
  if (byName) return byName
  const head = text.trimStart()
  if (head.startsWith('[') || head.startsWith('{')) return 'csl-json'
  if (head.startsWith('@')) return 'bibtex'
  if (/^TY {2}- /.test(head)) return 'ris'
  if (head.startsWith('<')) return 'zotero-rdf'
  throw new AttestError('REFERENCES_INVALID', `${fileName} is not a reference file Attest reads: export CSL-JSON (.json), BibTeX (.bib), RIS (.ris) or Zotero RDF (.rdf).`)
}

function invalid(fileName: string, why: string): AttestError {
  return new AttestError('REFERENCES_INVALID', `${fileName}: ${why}. Nothing was imported.`)
}

function parseCslJson(text: string, fileName: string): CslItem[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw invalid(fileName, `not valid JSON (${(err as Error).message})`)
  }
  const items = Array.isArray(data) ? data : [data]
  items.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid(fileName, `entry ${i + 1} is not a CSL-JSON object`)
    const o = item as Record<string, unknown>
    if (typeof o.type !== 'string') throw invalid(fileName, `entry ${i + 1} has no CSL "type"`)
    if (o.id !== undefined && typeof o.id !== 'string' && typeof o.id !== 'number') throw invalid(fileName, `entry ${i + 1} has an "id" that is neither text nor a number`)
  })
  return (items as CslItem[]).map((item) => ({ ...item, id: item.id === undefined ? '' : String(item.id) }))
}

function parseWith(text: string, fileName: string, kind: 'bibtex' | 'ris'): CslItem[] {
  try {
    return parseWithCitationJs(text, kind)
  } catch (err) {
    // citation-js's parser errors name the line and column: keep the first line.
    throw invalid(fileName, `not valid ${kind === 'bibtex' ? 'BibTeX' : 'RIS'} (${(err as Error).message.split('\n')[0]!.replace(/:$/, '')})`)
  }
}

/**
 * Reads a reference file into items (with their attached files, for a Zotero
 * RDF export). Every failure is one REFERENCES_INVALID error, raised before
 * anything is written.
 */
export async function readReferences(path: string): Promise<{ format: ReferenceFormat; references: RdfReference[] }> {
  const fileName = basename(path)
  const size = (await stat(path).catch(() => null))?.size
  if (size !== undefined && size > MAX_REFERENCE_FILE_BYTES) {
    throw new AttestError('FILE_TOO_LARGE', `${fileName} is ${(size / 2 ** 20).toFixed(0)} MB; a reference file may be up to ${MAX_REFERENCE_FILE_BYTES / 2 ** 20} MB. Export fewer references at once. Nothing was imported.`)
  }
  const { bytes } = await readInputFile(path)
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
  const format = referenceFormatOf(fileName, text)
  const references =
    format === 'zotero-rdf'
      ? parseZoteroRdf(text, fileName)
      : (format === 'csl-json' ? parseCslJson(text, fileName) : parseWith(text, fileName, format)).map((item) => ({ item, attachments: [] }))
  if (references.length === 0) throw invalid(fileName, `no references found in this ${format} file`)
  if (references.length > MAX_REFERENCES) throw invalid(fileName, `${references.length} references; import at most ${MAX_REFERENCES} at once`)
  return { format, references }
}
