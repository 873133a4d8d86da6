import { copyFileSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importReferences } from '../../../../electron/core/cite/import-references'
import { parseZoteroRdf } from '../../../../electron/core/cite/zotero-rdf'
import { MAX_REFERENCE_FILE_BYTES } from '../../../../electron/core/cite/read-references'
import { listSources } from '../../../../electron/core/archive/sources'
import { getBlob } from '../../../../electron/core/archive/blobs'
import { listSnapshots } from '../../../../electron/core/archive/snapshots'
import { CASE_SOURCES, tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'

const BIBTEX = `@article{ruiz2025,
  author = {Ruiz, Ana and Lee, Bo},
  title = {Troops sent to the southern border},
  journal = {The Independent},
  year = {2025},
  volume = {12},
  pages = {4--5},
  doi = {10.1234/troops.2025},
  url = {https://example.org/troops}
}
@book{cbp2024,
  author = {{U.S. Customs and Border Protection}},
  title = {Monthly Operational Update},
  publisher = {CBP},
  year = {2024},
  isbn = {978-3-16-148410-0}
}
`

const RIS = `TY  - NEWS
ID  - dvids-8844268
AU  - Smith, Jo
TI  - Joint Task Force North supports border operations
T2  - DVIDS
PY  - 2025
UR  - https://www.dvidshub.net/news/8844268
ER  - 
`

const CSL_JSON = JSON.stringify([
  { id: 'eo-14167', type: 'legislation', title: 'Clarifying the Military’s Role in Protecting the Territorial Integrity of the United States', author: [{ literal: 'Donald J. Trump' }], issued: { 'date-parts': [[2025, 1, 20]] }, publisher: 'The White House', number: '14167' }
])

// A Zotero RDF export as Zotero writes it: the .rdf beside a files/ folder, the item linking its attachment.
function zoteroRdf(attachmentPath: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:z="http://www.zotero.org/namespaces/export#"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:bib="http://purl.org/net/biblio#"
 xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:link="http://purl.org/rss/1.0/modules/link/" xmlns:prism="http://prismstandard.org/namespaces/1.2/basic/">
  <bib:Document rdf:about="https://www.whitehouse.gov/presidential-actions/2025/01/declaring-a-national-emergency">
    <z:itemType>webpage</z:itemType>
    <dcterms:isPartOf><z:Website><dc:title>The White House</dc:title></z:Website></dcterms:isPartOf>
    <bib:authors><rdf:Seq><rdf:li><foaf:Person><foaf:surname>Trump</foaf:surname><foaf:givenName>Donald J.</foaf:givenName></foaf:Person></rdf:li></rdf:Seq></bib:authors>
    <link:link rdf:resource="#item_7"/>
    <dc:title>Declaring a National Emergency at the Southern Border of the United States</dc:title>
    <dc:date>2025-01-20</dc:date>
    <dc:identifier><dcterms:URI><rdf:value>https://www.whitehouse.gov/presidential-actions/2025/01/declaring-a-national-emergency</rdf:value></dcterms:URI></dc:identifier>
    <z:language>en</z:language>
  </bib:Document>
  <z:Attachment rdf:about="#item_7">
    <z:itemType>attachment</z:itemType>
    <rdf:resource rdf:resource="${attachmentPath}"/>
    <dc:title>Proclamation text</dc:title>
    <link:type>text/plain</link:type>
  </z:Attachment>
</rdf:RDF>
`
}

describe('importReferences', () => {
  let a: ReturnType<typeof tempArchive>
  let d: ReturnType<typeof tempDir>
  beforeEach(() => {
    a = tempArchive()
    d = tempDir()
  })
  afterEach(() => {
    a.cleanup()
    d.cleanup()
  })
  const write = (name: string, text: string) => {
    const path = join(d.path, name)
    writeFileSync(path, text)
    return path
  }
  const zoteroExport = (attachmentPath = 'files/7/proclamation-10886.txt') => {
    mkdirSync(join(d.path, 'files/7'), { recursive: true })
    copyFileSync(join(CASE_SOURCES, 'proclamation-10886.txt'), join(d.path, 'files/7/proclamation-10886.txt'))
    return write('Exported Items.rdf', zoteroRdf(attachmentPath))
  }

  it('makes each BibTeX entry a source with its metadata', async () => {
    const r = await importReferences(a.db, testStamp(), write('refs.bib', BIBTEX))
    expect(r.format).toBe('bibtex')
    expect(r.references.map((x) => x.outcome)).toEqual(['created', 'created'])
    const [article, book] = listSources(a.db)
    expect(article).toMatchObject({
      externalId: 'ruiz2025',
      title: 'Troops sent to the southern border',
      authors: ['Ruiz, Ana', 'Lee, Bo'],
      url: 'https://example.org/troops',
      published: '2025',
      identifiers: { doi: '10.1234/troops.2025' },
      extra: { csl: { type: 'article-journal', 'container-title': 'The Independent', volume: '12', page: '4-5' } }
    })
    expect(book).toMatchObject({ externalId: 'cbp2024', title: 'Monthly Operational Update', publisher: 'CBP', authors: ['U.S. Customs and Border Protection'], identifiers: { isbn: '978-3-16-148410-0' } })
  })

  it('makes each RIS record and CSL-JSON item a source', async () => {
    await importReferences(a.db, testStamp(), write('refs.ris', RIS))
    await importReferences(a.db, testStamp(), write('refs.json', CSL_JSON))
    const [news, eo] = listSources(a.db)
    expect(news).toMatchObject({ externalId: 'dvids-8844268', title: 'Joint Task Force North supports border operations', authors: ['Smith, Jo'], url: 'https://www.dvidshub.net/news/8844268', published: '2025' })
    expect(news!.extra).toMatchObject({ csl: { type: 'article-newspaper', 'container-title': 'DVIDS' } })
    expect(eo).toMatchObject({ externalId: 'eo-14167', authors: ['Donald J. Trump'], published: '2025-01-20', publisher: 'The White House', extra: { csl: { type: 'legislation', number: '14167' } } })
  })

  it('updates rather than duplicates: importing the same file twice changes nothing', async () => {
    const path = write('refs.bib', BIBTEX)
    await importReferences(a.db, testStamp(), path)
    const again = await importReferences(a.db, testStamp(), path)
    expect(again.references.map((x) => x.outcome)).toEqual(['unchanged', 'unchanged'])
    expect(listSources(a.db)).toHaveLength(2)
  })

  it('reads a journal article\'s volume, issue and ISSN from its bib:Journal, as Zotero writes them', async () => {
    const rdf = zoteroRdf('files/7/proclamation-10886.txt')
      .replace('<z:itemType>webpage</z:itemType>', '<z:itemType>journalArticle</z:itemType>')
      .replace('<z:Website><dc:title>The White House</dc:title></z:Website>', '<bib:Journal><prism:volume>90</prism:volume><prism:number>18</prism:number><dc:title>Federal Register</dc:title><dc:identifier>ISSN 0097-6326</dc:identifier></bib:Journal>')
    const [ref] = parseZoteroRdf(rdf, 'j.rdf')
    expect(ref!.item).toMatchObject({ type: 'article-journal', 'container-title': 'Federal Register', volume: '90', issue: '18', ISSN: '0097-6326' })
  })

  it('turns a Zotero RDF item into a source and its attached file into a snapshot of it', async () => {
    const r = await importReferences(a.db, testStamp(), zoteroExport())
    expect(r.format).toBe('zotero-rdf')
    const [source] = listSources(a.db)
    expect(source).toMatchObject({
      title: 'Declaring a National Emergency at the Southern Border of the United States',
      authors: ['Trump, Donald J.'],
      published: '2025-01-20',
      url: 'https://www.whitehouse.gov/presidential-actions/2025/01/declaring-a-national-emergency',
      extra: { csl: { type: 'webpage', 'container-title': 'The White House', language: 'en' } }
    })
    const snapshots = listSnapshots(a.db, source!.id)
    expect(snapshots).toHaveLength(1)
    expect(snapshots[0]!.sha256).toBe(r.references[0]!.snapshots[0]!.sha256)
    expect(snapshots[0]!.mediaType).toBe('text/plain')
    const original = readFileSync(join(CASE_SOURCES, 'proclamation-10886.txt'))
    expect(Buffer.compare(getBlob(a.db, snapshots[0]!.sha256)!, original)).toBe(0)
  })

  describe('refuses bad input with one error and writes nothing', () => {
    const nothingWritten = () => {
      expect(listSources(a.db)).toEqual([])
      expect(a.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0)
    }

    it('malformed BibTeX, naming where it breaks', async () => {
      const path = write('broken.bib', BIBTEX + '@article{bad,\n  title = {Unclosed\n')
      await expect(importReferences(a.db, testStamp(), path)).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringMatching(/broken\.bib: not valid BibTeX \(.*line \d+/) })
      nothingWritten()
    })

    it('a file with no references in it', async () => {
      await expect(importReferences(a.db, testStamp(), write('empty.ris', 'nothing to see\n'))).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringContaining('no references found') })
      nothingWritten()
    })

    it('CSL-JSON that is not JSON, or items without a type', async () => {
      await expect(importReferences(a.db, testStamp(), write('a.json', '[{"id": "x",'))).rejects.toMatchObject({ code: 'REFERENCES_INVALID' })
      await expect(importReferences(a.db, testStamp(), write('b.json', '[{"id": "x", "title": "T"}]'))).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringContaining('entry 1 has no CSL "type"') })
      nothingWritten()
    })

    it('an RDF attachment path that climbs out of the export folder', async () => {
      const path = zoteroExport('files/7/../../../etc/passwd')
      await expect(importReferences(a.db, testStamp(), path)).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringContaining('points outside the export folder') })
      await expect(importReferences(a.db, testStamp(), write('abs.rdf', zoteroRdf('/etc/passwd')))).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringContaining('not a path inside the export folder') })
      await expect(importReferences(a.db, testStamp(), write('uri.rdf', zoteroRdf('file:///etc/passwd')))).rejects.toMatchObject({ code: 'REFERENCES_INVALID' })
      nothingWritten()
    })

    it('an RDF attachment that is a link to a file outside the folder', async () => {
      const outside = tempDir()
      try {
        writeFileSync(join(outside.path, 'secret.txt'), 'not yours')
        mkdirSync(join(d.path, 'files/9'), { recursive: true })
        symlinkSync(join(outside.path, 'secret.txt'), join(d.path, 'files/9/innocent.txt'))
        await expect(importReferences(a.db, testStamp(), write('link.rdf', zoteroRdf('files/9/innocent.txt')))).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringContaining('outside the export folder') })
        nothingWritten()
      } finally {
        outside.cleanup()
      }
    })

    it('an RDF attachment missing from the folder, and XML that is not well formed', async () => {
      await expect(importReferences(a.db, testStamp(), write('gone.rdf', zoteroRdf('files/1/gone.pdf')))).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringContaining('missing') })
      await expect(importReferences(a.db, testStamp(), write('pct.rdf', zoteroRdf('files/1/bad%E0%A4%A.pdf')))).rejects.toMatchObject({ code: 'REFERENCES_INVALID', message: expect.stringContaining('missing') })
      await expect(importReferences(a.db, testStamp(), write('bad.rdf', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><unclosed>'))).rejects.toMatchObject({ code: 'REFERENCES_INVALID' })
      nothingWritten()
    })

    it('an attachment that cannot be archived (a broken PDF), though the other items were fine', async () => {
      mkdirSync(join(d.path, 'files/8'), { recursive: true })
      writeFileSync(join(d.path, 'files/8/report.pdf'), '%PDF-1.7\nnot really')
      const good = zoteroRdf('files/7/proclamation-10886.txt')
      const broken = good.replace('</rdf:RDF>', zoteroRdf('files/8/report.pdf').split('\n').slice(4, -2).join('\n').replaceAll('#item_7', '#item_8').replace('rdf:about="https://www.whitehouse.gov/', 'rdf:about="https://example.org/') + '\n</rdf:RDF>')
      expect(parseZoteroRdf(broken, 'two.rdf').map((r) => r.attachments.map((x) => x.path))).toEqual([['files/7/proclamation-10886.txt'], ['files/8/report.pdf']])
      zoteroExport()
      const path = write('two.rdf', broken)
      await expect(importReferences(a.db, testStamp(), path)).rejects.toMatchObject({ code: 'PDF_INVALID', message: expect.stringMatching(/two\.rdf: the attachment "files\/8\/report\.pdf" cannot be archived: .*Nothing was imported\./) })
      nothingWritten()
    })

    it('XML that defines entities to blow up in memory', async () => {
      const laughs = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><x>&c;</x></rdf:RDF>`
      await expect(importReferences(a.db, testStamp(), write('laughs.rdf', laughs))).rejects.toMatchObject({ code: 'REFERENCES_INVALID' })
      nothingWritten()
    })

    it('a file larger than a reference library can be, before reading it', async () => {
      const path = write('huge.bib', BIBTEX)
      truncateSync(path, MAX_REFERENCE_FILE_BYTES + 1)
      await expect(importReferences(a.db, testStamp(), path)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringContaining('Nothing was imported') })
      nothingWritten()
    })
  })
})
