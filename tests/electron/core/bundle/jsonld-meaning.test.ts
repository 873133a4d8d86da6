// The bundle's JSON-LD read by a real JSON-LD processor (jsonld.js) under
// the official W3C context (served offline from the test corpus): every
// motivation expands to an oa: IRI, and no property or type is silently
// dropped or left as a relative IRI, in annotations.jsonld and provenance.jsonld.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { SHARED, tempArchive, tempDir } from '../../../helpers/temp-archive'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'

const ANNO = JSON.parse(readFileSync(join(SHARED, 'corpora/web-annotation/anno.jsonld'), 'utf8'))
const OA = 'http://www.w3.org/ns/oa#'
// jsonld ships no type declarations.
const jsonld = createRequire(import.meta.url)('jsonld') as { expand(doc: unknown, options: object): Promise<any[]> }

// Only the W3C context is known; any other remote context is a failure (nothing is fetched).
const documentLoader = async (url: string) => {
  if (url === 'http://www.w3.org/ns/anno.jsonld') return { contextUrl: null, documentUrl: url, document: ANNO }
  throw new Error(`unexpected remote context ${url}`)
}
const expand = (doc: unknown) => jsonld.expand(doc, { documentLoader, safe: true })

let archive: ReturnType<typeof tempArchive>
let out: ReturnType<typeof tempDir>
let bag: string
beforeAll(async () => {
  archive = tempArchive()
  out = tempDir()
  const { report } = await importCaseWithGoldLinks(archive.db)
  bag = join(out.path, 'bag')
  await exportBundle(archive.db, report.id, bag, { format: 'dir', claimReview: true, now: new Date('2026-02-03T10:00:00Z') })
}, 120_000)
afterAll(() => {
  archive.cleanup()
  out.cleanup()
})

const read = (p: string) => JSON.parse(readFileSync(join(bag, 'data', p), 'utf8'))

/** Every key and @type in an expanded document is an absolute IRI (or a JSON-LD keyword). */
function relativeTerms(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => relativeTerms(n, found))
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (!k.startsWith('@') && !/^[a-z][a-z0-9+.-]*:/i.test(k)) found.push(k)
      if (k === '@type') for (const t of [v].flat()) if (typeof t === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(t)) found.push(t)
      if (k !== '@value') relativeTerms(v, found)
    }
  }
  return found
}

describe('the bundle’s JSON-LD under the official contexts', () => {
  it('expands every annotation motivation to an oa: IRI, supports and contradicts (assessing) included', async () => {
    const collection = read('annotations.jsonld')
    const relations = new Set<string>()
    for (const a of collection.first.items) {
      const [expanded] = await expand(a)
      const motivation = expanded[`${OA}motivatedBy`]
      expect(motivation, a.id).toHaveLength(1)
      expect(motivation[0]['@id']).toBe(`${OA}${a.motivation}`)
      relations.add(a['attest:relation'])
    }
    expect(relations).toContain('supports')
  })

  it('drops nothing: every property and type of annotations.jsonld and provenance.jsonld expands to an absolute IRI', async () => {
    const collection = read('annotations.jsonld')
    const expandedAnnotations = await expand(collection)
    expect(relativeTerms(expandedAnnotations)).toEqual([])
    // Expansion keeps every annotation (a dropped key would lose its subtree).
    expect(JSON.stringify(expandedAnnotations).split(`"${OA}Annotation"`).length - 1).toBe(collection.first.items.length)
    const provenance = await expand(read('provenance.jsonld'))
    expect(relativeTerms(provenance)).toEqual([])
  })
})
