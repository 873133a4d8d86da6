// Exporting the troops-border report with its gold links as a source bundle:
// layout, BagIt validity (our validator and a plain sha256sum-style
// recomputation), determinism, W3C Web Annotation conformance (the W3C test
// schemas via ajv, and our runtime rules agreeing), the offline report page.

import { createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import Ajv from 'ajv-draft-04'
import { JSDOM } from 'jsdom'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { validateBag } from '../../../../electron/core/bundle/bagit-validate'
import { checkAnnotation, checkAnnotationCollection } from '../../../../electron/core/bundle/web-annotation-rules'
import { setReview } from '../../../../electron/core/linking/reviews'
import { setSetting } from '../../../../electron/core/archive/settings'
import { SHARED, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { gold, importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { SOFTWARE_AGENT } from '../../../../electron/core/version'
import { nth } from '../../../helpers/nth'
import { captureGroups } from '../../../helpers/capture-groups'

const NOW = new Date('2026-02-03T10:00:00Z')
const CORPUS = join(SHARED, 'corpora/web-annotation')

let archive: ReturnType<typeof tempArchive>
let out: ReturnType<typeof tempDir>
let reportId: number
let bagDir: string

beforeAll(async () => {
  archive = tempArchive()
  out = tempDir()
  setSetting(archive.db, 'user.name', 'Ana Checker')
  setSetting(archive.db, 'org.name', 'Example Desk')
  setSetting(archive.db, 'org.reviewUrl', 'https://desk.example/checks/troops-border')
  const { report, sentences } = await importCaseWithGoldLinks(archive.db)
  reportId = report.id
  setReview(archive.db, testStamp('ana', '2026-01-05T00:00:00.000Z'), nth(sentences, 0).id, 'supported', 'Matches the proclamation <b>verbatim</b>.')
  setReview(archive.db, testStamp('ana', '2026-01-05T00:00:01.000Z'), nth(sentences, 1).id, 'opinion', null)
  bagDir = join(out.path, 'troops')
  await exportBundle(archive.db, reportId, bagDir, { format: 'dir', claimReview: true, now: NOW })
}, 120_000)
afterAll(() => {
  archive.cleanup()
  out.cleanup()
})

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}

const readJson = (p: string) => JSON.parse(readFileSync(join(bagDir, p), 'utf8'))

describe('exportBundle layout', () => {
  it('writes a BagIt bag with the report, every linked snapshot, its text and metadata, and the standard documents', () => {
    const files = walk(bagDir).map((p) => relative(bagDir, p)).sort()
    for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'tagmanifest-sha256.txt', 'data/report.json', 'data/annotations.jsonld', 'data/provenance.jsonld', 'data/claimreview.jsonld', 'data/report.html']) {
      expect(files).toContain(f)
    }
    const report = readJson('data/report.json')
    const linked = new Set<string>(report.links.map((l: any) => l.snapshotSha256))
    linked.add(report.report.snapshot)
    for (const sha of linked) {
      const meta = readJson(`data/snapshots/${sha}.meta.json`)
      const bytes = readdirSync(join(bagDir, 'data/snapshots')).find((n) => n.startsWith(sha) && !n.includes('.meta.') && !n.includes('.text.'))!
      expect(createHash('sha256').update(readFileSync(join(bagDir, 'data/snapshots', bytes))).digest('hex')).toBe(sha)
      const text = readFileSync(join(bagDir, `data/snapshots/${sha}.text.txt`))
      expect(createHash('sha256').update(text).digest('hex')).toBe(meta.captures[0].textSha256)
      expect(meta.captures[0].sourceRecord.uid).toBe(meta.captures[0].source)
    }
    expect(report.sentences.length).toBe(gold.sentences.length)
    expect(report.links.length).toBe(gold.sentences.reduce((n, g) => n + g.evidence.length, 0))
    expect(files.filter((f) => f.startsWith('data/events/'))).toHaveLength(1)
  })

  it('fills bag-info.txt from the archive settings and the report', () => {
    const info = readFileSync(join(bagDir, 'bag-info.txt'), 'utf8')
    expect(info).toContain('Source-Organization: Example Desk\n')
    expect(info).toContain('Bagging-Date: 2026-02-03\n')
    expect(info).toContain('External-Identifier: independent-troops-border\n')
    expect(info).toContain('External-Description: Trump orders thousands of active duty troops to southern border\n')
    expect(info).toContain('Contact-Name: Ana Checker\n')
    expect(info).toContain(`Bag-Software-Agent: ${SOFTWARE_AGENT}\n`)
    expect(info).toMatch(/Payload-Oxum: \d+\.\d+\n/)
  })

  it('validates with our BagIt validator and with a plain sha256sum-style recomputation of both manifests', async () => {
    const v = await validateBag(bagDir)
    expect(v.problems).toEqual([])
    expect(v.valid).toBe(true)
    for (const [manifest, alg] of [['manifest-sha256.txt', 'sha256'], ['manifest-sha512.txt', 'sha512'], ['tagmanifest-sha256.txt', 'sha256']] as const) {
      const lines = readFileSync(join(bagDir, manifest), 'utf8').trim().split('\n')
      for (const line of lines) {
        const [hash, path] = captureGroups(/^([0-9a-f]+) {2}(.+)$/, line, 2)
        expect(createHash(alg).update(readFileSync(join(bagDir, path))).digest('hex'), `${manifest}: ${path}`).toBe(hash)
      }
      if (manifest.startsWith('manifest')) expect(lines).toHaveLength(walk(join(bagDir, 'data')).length)
    }
  })

  it('passes GNU coreutils sha256sum -c and sha512sum -c on its manifests (BagIt manifests are in their format)', () => {
    for (const [tool, manifest] of [['sha256sum', 'manifest-sha256.txt'], ['sha512sum', 'manifest-sha512.txt'], ['sha256sum', 'tagmanifest-sha256.txt'], ['sha512sum', 'tagmanifest-sha512.txt']] as const) {
      const run = spawnSync(tool, ['--check', '--strict', manifest], { cwd: bagDir, encoding: 'utf8' })
      expect(run.status, `${tool} -c ${manifest}: ${run.stdout}${run.stderr}`).toBe(0)
      expect(run.stdout.trim().split('\n').every((l) => l.endsWith(': OK'))).toBe(true)
    }
  })

  it('is deterministic: the same archive state gives the same zip bytes, and dir and zip the same payload', async () => {
    // Same file name in two folders: the zip's top folder is named after the file.
    mkdirSync(join(out.path, 'a'))
    mkdirSync(join(out.path, 'b'))
    const a = join(out.path, 'a', 'troops.zip')
    const b = join(out.path, 'b', 'troops.zip')
    const progress: Array<[number, number]> = []
    const summary = await exportBundle(archive.db, reportId, a, { format: 'zip', claimReview: true, now: NOW, onProgress: (d, t) => progress.push([d, t]) })
    await exportBundle(archive.db, reportId, b, { format: 'zip', claimReview: true, now: NOW })
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true)
    expect(summary.format).toBe('zip')
    expect(summary.signed).toBe(false)
    expect(summary.payloadOxum).toBe(`${summary.bytes}.${summary.files}`)
    expect(progress.at(-1)).toEqual([summary.bytes, summary.bytes])
    expect(readFileSync(join(bagDir, 'bag-info.txt'), 'utf8')).toContain(`Payload-Oxum: ${summary.payloadOxum}`)
  })
})

describe('annotations.jsonld', () => {
  function loadW3cSchemas() {
    const ajv = new Ajv({ strict: false, allErrors: true })
    // The corpus schemas use JSON Schema formats; ajv-draft-04 ships none.
    ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/)
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i)
    for (const f of readdirSync(join(CORPUS, 'definitions'))) ajv.addSchema(JSON.parse(readFileSync(join(CORPUS, 'definitions', f), 'utf8')))
    const musts = (test: string) =>
      (JSON.parse(readFileSync(join(CORPUS, test), 'utf8')).assertions as string[]).map((file) => {
        const schema = JSON.parse(readFileSync(join(CORPUS, file), 'utf8'))
        return { file, validate: ajv.compile(schema), expected: schema.expectedResult ?? 'valid' }
      })
    return { annotation: musts('annotations/annotationMusts.test'), collection: musts('collections/collectionMusts.test') }
  }

  it('holds one W3C annotation per live link, with our relation mapped to a motivation and kept as attest:relation', () => {
    const c = readJson('data/annotations.jsonld')
    const report = readJson('data/report.json')
    expect(c.type).toBe('AnnotationCollection')
    expect(c.first.type).toBe('AnnotationPage')
    expect(c.first.items).toHaveLength(report.links.length)
    expect(c.total).toBe(report.links.length)
    for (const a of c.first.items) {
      expect(a.motivation).toBe({ supports: 'assessing', contradicts: 'assessing', quotes: 'identifying', context: 'linking' }[a['attest:relation'] as string])
      // Each side is a Choice: the text rendition (where the offsets hold), then the archived original.
      const [target, original] = a.target.items
      const reportMeta = readJson(`data/snapshots/${report.report.snapshot}.meta.json`)
      expect(target.source).toEqual({ id: `urn:sha256:${reportMeta.captures[0].textSha256}`, type: 'Text', format: 'text/plain; charset=utf-8', 'dcterms:isFormatOf': `urn:sha256:${report.report.snapshot}` })
      expect(original.source.id).toBe(`urn:sha256:${report.report.snapshot}`)
      const body = a.body.type === 'Choice' ? a.body.items[0] : a.body
      const sha = body.source['dcterms:isFormatOf'].slice('urn:sha256:'.length)
      const meta = readJson(`data/snapshots/${sha}.meta.json`)
      expect(body.source.id).toBe(`urn:sha256:${meta.captures[0].textSha256}`)
      // The evidence's capture time, when it was recorded (the case gives it for the White House pages only).
      const capturedAt = meta.captures.find((x: any) => x.source === body['attest:source']).capturedAt
      expect(a.body.items?.[1]?.state).toEqual(capturedAt ? { type: 'TimeState', sourceDate: capturedAt } : undefined)
      expect(body.selector.map((s: any) => s.type)).toEqual(['TextPositionSelector', 'TextQuoteSelector'])
      expect(a.creator).toEqual({ type: 'Person', name: 'gold' })
    }
  })

  it('passes every W3C MUST assertion (the test-suite schemas) and our runtime rules agree', () => {
    const schemas = loadW3cSchemas()
    const c = readJson('data/annotations.jsonld')
    expect(schemas.annotation.length).toBeGreaterThan(40)
    for (const a of c.first.items) {
      for (const s of schemas.annotation) expect(s.validate(a), `${s.file}: ${JSON.stringify(s.validate.errors)}`).toBe(true)
      expect(checkAnnotation(a)).toEqual([])
    }
    const { first, ...collectionOnly } = c
    for (const s of schemas.collection) expect(s.validate({ ...collectionOnly, first: first.id }), s.file).toBe(true)
    expect(checkAnnotationCollection(c)).toEqual([])
  })

  it('runtime rules and the W3C schemas reject the same broken annotations', () => {
    const schemas = loadW3cSchemas()
    // A plain SpecificResource side (the PDF passage across pages has no original selector) with the mutations below.
    const good = structuredClone(readJson('data/annotations.jsonld').first.items.find((a: any) => a.body.items?.[1]?.state))
    good.body = { ...good.body.items[0], state: good.body.items[1].state }
    good.target = good.target.items[0]
    const broken: Array<[string, (a: any) => void]> = [
      ['no @context', (a) => delete a['@context']],
      ['id not an IRI', (a) => (a.id = 'not an iri')],
      ['wrong type', (a) => (a.type = 'Note')],
      ['no target', (a) => delete a.target],
      ['body and bodyValue', (a) => (a.bodyValue = 'x')],
      ['bad created', (a) => (a.created = 'yesterday')],
      ['quote selector without exact', (a) => delete a.body.selector[1].exact],
      ['negative position', (a) => (a.body.selector[0].start = -1)],
      ['time state without date', (a) => delete a.body.state.sourceDate],
      ['specific resource with value', (a) => (a.target.value = 'x')]
    ]
    for (const [what, mutate] of broken) {
      const a = structuredClone(good)
      mutate(a)
      const schemaFails = schemas.annotation.filter((s) => !s.validate(a)).map((s) => s.file)
      expect(schemaFails.length, `W3C schemas should reject: ${what}`).toBeGreaterThan(0)
      expect(checkAnnotation(a).length, `runtime rules should reject: ${what}`).toBeGreaterThan(0)
    }
  })
})

describe('claimreview.jsonld and provenance.jsonld', () => {
  it('has one ClaimReview per reviewed sentence with the rating mapped from the status', () => {
    const doc = readJson('data/claimreview.jsonld')
    expect(doc['@graph']).toHaveLength(2)
    const [supported, opinion] = doc['@graph']
    expect(supported['@type']).toBe('ClaimReview')
    expect(supported.itemReviewed.text).toBe(nth(gold.sentences, 0).text)
    expect(supported.reviewRating).toMatchObject({ ratingValue: 5, bestRating: 5, worstRating: 1, alternateName: 'Supported' })
    expect(supported.itemReviewed['@type']).toBe('Claim')
    expect(supported.author).toEqual({ '@type': 'Organization', name: 'Example Desk', url: 'https://desk.example/checks/troops-border' })
    expect(supported.contributor).toEqual({ '@type': 'Person', name: 'ana' })
    expect(supported.url).toBe(`https://desk.example/checks/troops-border#${readJson('data/report.json').sentences[0].id}`)
    expect(supported.datePublished).toBe('2026-01-05T00:00:00.000Z')
    expect(opinion.reviewRating.ratingValue).toBeUndefined()
    expect(opinion.reviewRating.alternateName).toBe('Opinion')
  })

  // Google's ClaimReview structured-data rules (developers.google.com/search/docs/appearance/structured-data/factcheck):
  // required claimReviewed, reviewRating.alternateName, url, author (with name);
  // recommended itemReviewed (a Claim with author, datePublished, appearance),
  // reviewRating's scale, datePublished; claimReviewed under 75 characters.
  it('carries every field Google requires and recommends, under a plain schema.org context', () => {
    const doc = readJson('data/claimreview.jsonld')
    expect(doc['@context']).toBe('https://schema.org')
    for (const r of doc['@graph']) {
      expect(typeof r.claimReviewed).toBe('string')
      expect([...r.claimReviewed].length).toBeLessThanOrEqual(75)
      expect(r.reviewRating['@type']).toBe('Rating')
      expect(r.reviewRating.alternateName).toMatch(/\S/)
      expect(r.reviewRating).toMatchObject({ bestRating: 5, worstRating: 1 })
      expect(new URL(r.url).protocol).toBe('https:')
      expect(r.author['@type']).toBe('Organization')
      expect(r.author.name).toMatch(/\S/)
      expect(r.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      expect(r.itemReviewed['@type']).toBe('Claim')
      expect(r.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'The Independent' })
      expect(r.itemReviewed.datePublished).toBe('2025-01-22')
      expect(r.itemReviewed.appearance['@type']).toBe('CreativeWork')
    }
  })

  it('makes the reviewer the author when the archive names no organisation, and uses the bundle identifier as url', async () => {
    const bare = tempArchive()
    try {
      const { report, sentences } = await importCaseWithGoldLinks(bare.db)
      setReview(bare.db, testStamp('ana', '2026-01-05T00:00:00.000Z'), nth(sentences, 2).id, 'supported', null)
      const dir = join(out.path, 'no-org')
      await exportBundle(bare.db, report.id, dir, { format: 'dir', claimReview: true, now: NOW })
      const [r] = JSON.parse(readFileSync(join(dir, 'data/claimreview.jsonld'), 'utf8'))['@graph']
      expect(r.author).toEqual({ '@type': 'Person', name: 'ana' })
      expect(r.contributor).toBeUndefined()
      expect(r.url).toMatch(new RegExp(`^urn:attest:report:[0-9a-f]{64}#${nth(sentences, 2).id}$`))
      expect(r.claimReviewed).toBe('The troops are being sent there to help Customs and Border Protection’s…')
    } finally {
      bare.cleanup()
    }
  }, 60_000)

  it('describes snapshots, captures, link decisions and people in PROV-O', () => {
    const doc = readJson('data/provenance.jsonld')
    expect(doc['@context'].prov).toBe('http://www.w3.org/ns/prov#')
    const byId = new Map<string, any>(doc['@graph'].map((n: any) => [n['@id'], n]))
    const report = readJson('data/report.json')
    const snap = byId.get(`urn:sha256:${report.links[0].snapshotSha256}`)
    expect(snap['@type']).toBe('prov:Entity')
    expect(byId.get(snap['prov:wasGeneratedBy']['@id'])['@type']).toBe('prov:Activity')
    const decision = byId.get(`urn:attest:decision:link:${report.links[0].id}`)
    expect(decision['prov:wasAssociatedWith']['@id']).toBe('urn:attest:agent:gold')
    expect(byId.get('urn:attest:agent:gold')['@type']).toEqual(['prov:Agent', 'prov:Person'])
    expect([...byId.values()].some((n) => n['prov:hadPrimarySource'])).toBe(true)
  })

  // case.json gives the proclamation a capture time but no capturer, and the
  // report and several sources neither: the import filled those gaps with its
  // own time and a placeholder, which the bundle must not pass off as facts.
  it('leaves an unrecorded capture time or capturer unstated in PROV, the snapshot metadata and report.html', () => {
    const doc = readJson('data/provenance.jsonld')
    const byId = new Map<string, any>(doc['@graph'].map((n: any) => [n['@id'], n]))
    const report = readJson('data/report.json')
    const reportSha = report.report.snapshot
    const reportMeta = readJson(`data/snapshots/${reportSha}.meta.json`)
    expect(reportMeta.captures[0].capturedAt).toBeNull()
    expect(reportMeta.captures[0].capturedBy).toBeNull()
    expect(reportMeta.captures[0].importedAt).toMatch(/^\d{4}-/)
    expect(byId.get(`urn:sha256:${reportSha}`)['prov:generatedAtTime']).toBeUndefined()
    const reportCapture = byId.get(`urn:sha256:${reportSha}`)['prov:wasGeneratedBy']['@id']
    expect(byId.get(reportCapture)['prov:startedAtTime']).toBeUndefined()
    expect(byId.get(reportCapture)['prov:wasAssociatedWith']).toBeUndefined()

    const proclamation = report.sources.find((s: any) => s.externalId === 'proclamation-10886')
    const procLink = report.links.find((l: any) => l.source === proclamation.uid)
    const procMeta = readJson(`data/snapshots/${procLink.snapshotSha256}.meta.json`)
    const procCapture = procMeta.captures.find((c: any) => c.source === proclamation.uid)
    expect(procCapture.capturedAt).toBe('2025-01-22T05:16:36Z')
    expect(procCapture.capturedBy).toBeNull()
    expect(byId.get(`urn:sha256:${procLink.snapshotSha256}`)['prov:generatedAtTime']['@value']).toBe('2025-01-22T05:16:36Z')

    // No agent is the placeholder, and every agent is typed for what it is.
    const agents = [...byId.values()].filter((n) => [n['@type']].flat().includes('prov:Agent'))
    expect(agents.map((a) => a['rdfs:label'])).not.toContain('not recorded in case.json')
    for (const a of agents) expect([a['@type']].flat()).toContain(a['@id'].startsWith('urn:attest:software:') ? 'prov:SoftwareAgent' : 'prov:Person')

    // Locations are resources, typed prov:Location.
    const located = [...byId.values()].filter((n) => n['prov:atLocation'])
    expect(located.length).toBeGreaterThan(0)
    for (const n of located) {
      expect(typeof n['prov:atLocation']).toBe('object')
      expect(byId.get(n['prov:atLocation']['@id'])['@type']).toBe('prov:Location')
    }

    // report.html says "not recorded" and never prints an import time as a capture time.
    const page = readFileSync(join(bagDir, 'data/report.html'), 'utf8')
    expect(page).toContain('capture time not recorded')
    expect(page).not.toContain(`captured ${reportMeta.captures[0].importedAt}`)
    expect(page).toContain('captured 2025-01-22T05:16:36Z')
  })
})

describe('report.html', () => {
  const html = () => readFileSync(join(bagDir, 'data/report.html'), 'utf8')

  it('loads nothing from anywhere: no external references, no scripts, a CSP that forbids loading', () => {
    const page = html()
    expect(page).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i)
    expect(page).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i)
    expect(page).not.toMatch(/@import/i)
    expect(page).not.toMatch(/<script/i)
    expect(page).toContain(`default-src 'none'`)
    const dom = new JSDOM(page)
    const refs = [...dom.window.document.querySelectorAll('[src],[href],link,img,iframe,object,embed')]
    expect(refs).toEqual([])
  })

  it('shows every sentence, its status and note, escaped, and the linked passages highlighted with their snapshot hash', () => {
    const dom = new JSDOM(html())
    const doc = dom.window.document
    const report = readJson('data/report.json')
    for (const s of report.sentences) {
      const section = doc.getElementById(s.id)!
      expect(section, s.id).not.toBeNull()
      expect(section.querySelector('.text')!.textContent).toContain(s.text)
    }
    const first = doc.getElementById(report.sentences[0].id)!
    expect(first.querySelector('.status')!.textContent).toBe('Supported')
    // The note's markup is shown as text, not rendered.
    expect(first.querySelector('.note')!.textContent).toContain('<b>verbatim</b>')
    expect(first.querySelector('b')).toBeNull()
    const marks = [...doc.querySelectorAll('mark')].map((m) => m.textContent)
    for (const l of report.links) expect(marks).toContain(l.exact)
    for (const l of report.links) expect(doc.body.textContent).toContain(`sha256:${l.snapshotSha256}`)
  })
})
