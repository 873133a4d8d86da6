import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { tempArchive, tempDir } from '../../../helpers/temp-archive'
import { sourceListHtml } from '../../../../electron/core/cite/source-list-html'
import type { SourceMetadata } from '../../../../electron/core/cite/csl-mapping'

const source = (uid: string, m: Partial<SourceMetadata>): SourceMetadata & { uid: string } => ({
  uid,
  externalId: null,
  kind: 'unknown',
  title: null,
  publisher: null,
  authors: [],
  url: null,
  published: null,
  identifiers: {},
  notes: null,
  extra: {},
  ...m
})

describe('the source list in report.html', () => {
  it('lists each source as an APA entry, in the style\'s order', () => {
    const html = sourceListHtml([
      source('src_b', { title: 'Monthly Operational Update', publisher: 'U.S. Customs and Border Protection', published: '2024-12-20' }),
      source('src_a', { title: 'About Us', publisher: 'Joint Task Force North' })
    ])
    expect(html.split('\n')).toEqual([
      '<section class="sources"><h2>Sources (APA (7th edition))</h2><ul>',
      '<li>About Us. (n.d.). Joint Task Force North.</li>',
      '<li>Monthly Operational Update. (2024, December 20). U.S. Customs and Border Protection.</li>',
      '</ul></section>'
    ])
  })

  it('escapes markup in source metadata and keeps URLs as text', () => {
    const html = sourceListHtml([source('src_x', { title: '<img src=x onerror=alert(1)> & <i>more</i>', url: 'https://example.org/?a=1&b="2"' })], 'chicago-author-date')
    expect(html).not.toMatch(/<img|<i>|<a /)
    // Chicago puts the title in headline case; what matters is that it arrives as text.
    expect(html).toMatch(/“&lt;img Src=x Onerror=alert\(1\)&gt; &amp; More\.”/)
    expect(html).toContain('https://example.org/?a=1&amp;b=&quot;2&quot;')
    expect(html).toContain('<h2>Sources (Chicago (author-date))</h2>')
  })

  it('is empty when the report cites nothing', () => {
    expect(sourceListHtml([])).toBe('')
  })
})

describe('an exported bundle\'s report.html', () => {
  it('ends its main part with the APA list of the sources the report links to', async () => {
    const a = tempArchive()
    const d = tempDir()
    try {
      const { report } = await importCaseWithGoldLinks(a.db)
      const out = join(d.path, 'bag')
      await exportBundle(a.db, report.id, out, { format: 'dir', claimReview: false })
      const html = readFileSync(join(out, 'data/report.html'), 'utf8')
      const section = /<section class="sources">[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''
      expect(section.match(/<li>/g)).toHaveLength(4)
      expect(section).toContain('<li>Donald J. Trump. (2025b, January 20). Declaring a National Emergency at the Southern Border of the United States. The White House. https://www.whitehouse.gov/')
      expect(html.indexOf(section)).toBeLessThan(html.indexOf('<footer>'))
    } finally {
      a.cleanup()
      d.cleanup()
    }
  })
})
