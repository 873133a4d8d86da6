import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citeReport, citedSources } from '../../../../electron/core/cite/cite-report'
import { importReferences } from '../../../../electron/core/cite/import-references'
import { listSources } from '../../../../electron/core/archive/sources'
import type { Source } from '../../../../shared/model'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'

const metadata = (s: Source) => ({ externalId: s.externalId, kind: s.kind, title: s.title, publisher: s.publisher, authors: s.authors, url: s.url, published: s.published, identifiers: s.identifiers, notes: s.notes, extra: s.extra })

describe('citeReport on the troops-border case', () => {
  let a: ReturnType<typeof tempArchive>
  let reportId: number
  beforeAll(async () => {
    a = tempArchive()
    reportId = (await importCaseWithGoldLinks(a.db)).report.id
  })
  afterAll(() => a.cleanup())

  it('lists the sources the report links to, once each', () => {
    const cited = citedSources(a.db, reportId)
    expect(cited.length).toBeGreaterThan(1)
    expect(new Set(cited.map((s) => s.id)).size).toBe(cited.length)
    const linked = a.db.prepare('SELECT DISTINCT sn.source_id FROM links l JOIN snapshots sn ON sn.id = l.snapshot_id WHERE l.report_id = ? AND l.removed_at IS NULL').pluck().all(reportId)
    expect(cited.map((s) => s.id).sort()).toEqual((linked as number[]).sort())
  })

  it('formats them in APA and in Chicago author-date, from the bundled styles, with no network', () => {
    const fetch = globalThis.fetch
    globalThis.fetch = () => Promise.reject(new Error('the network was used'))
    try {
      const apa = citeReport(a.db, reportId, { style: 'apa' })
      const chicago = citeReport(a.db, reportId, { style: 'chicago-author-date' })
      expect(apa.count).toBe(citedSources(a.db, reportId).length)
      expect(apa.text.trim().split('\n')).toHaveLength(apa.count)
      // APA: "Author. (Year, Month Day). Title. Publisher. URL", two works of one author and year told apart as 2025a, 2025b;
      // Chicago: "Author. Year. “Title.” Publisher. URL.", the same author again as a 3-em dash.
      expect(apa.text).toContain('Donald J. Trump. (2025b, January 20). Declaring a National Emergency at the Southern Border of the United States. The White House. https://www.whitehouse.gov/')
      expect(apa.text).toContain('About Us. (n.d.).')
      expect(chicago.text).toContain('Donald J. Trump. 2025a. “Clarifying the Military’s Role in Protecting the Territorial Integrity of the United States.” The White House. https://www.whitehouse.gov/')
      expect(chicago.text).toContain('———. 2025b. “Declaring a National Emergency at the Southern Border of the United States.” The White House. https://www.whitehouse.gov/')
      expect(citeReport(a.db, reportId, { style: 'apa', format: 'html' }).text).toMatch(/^<div class="csl-bib-body">/)
    } finally {
      globalThis.fetch = fetch
    }
  })

  it('refuses a report that does not exist', () => {
    expect(() => citeReport(a.db, 999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }))
  })

  describe('round trip: exported sources imported into another archive', () => {
    const roundTrip = async (format: 'csl-json' | 'bibtex' | 'ris', file: string) => {
      const other = tempArchive()
      const d = tempDir()
      try {
        const path = join(d.path, file)
        writeFileSync(path, citeReport(a.db, reportId, { format }).text)
        await importReferences(other.db, testStamp(), path)
        return listSources(other.db)
      } finally {
        other.cleanup()
        d.cleanup()
      }
    }

    it('come back with the same metadata through CSL-JSON, every field', async () => {
      const back = await roundTrip('csl-json', 'sources.json')
      expect(back.map(metadata)).toEqual(citedSources(a.db, reportId).map(metadata))
    })

    // BibTeX and RIS cannot say everything a source holds (kind, exact timestamps, identifiers they have no tag for):
    // these fields survive them, and the test names them so a change in citation-js shows here.
    it('keep title, authors, URL and publication year through BibTeX', async () => {
      const back = await roundTrip('bibtex', 'sources.bib')
      expect(back.map((s) => [s.title, s.authors, s.url, s.published?.slice(0, 4)])).toEqual(citedSources(a.db, reportId).map((s) => [s.title, s.authors, s.url, s.published?.slice(0, 4)]))
    })

    it('keep title, authors, URL and publication year through RIS', async () => {
      const back = await roundTrip('ris', 'sources.ris')
      expect(back.map((s) => [s.title, s.authors, s.url, s.published?.slice(0, 4)])).toEqual(citedSources(a.db, reportId).map((s) => [s.title, s.authors, s.url, s.published?.slice(0, 4)]))
    })
  })
})
