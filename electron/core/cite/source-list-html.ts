import { CITATION_STYLE_NAMES, type CitationStyle } from '../../../shared/citations'
import type { Source } from '../../../shared/model'
import { formatEntries } from './citation-engine'
import { sourceToCsl, type SourceMetadata } from './csl-mapping'

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * report.html's formatted source list: the sources the report's live links
 * cite, in a bundled CSL style. Each entry is citeproc's plain text, escaped
 * here: source metadata is untrusted, and citeproc's HTML output passes
 * some markup in fields through. URLs stay text, as everywhere in the file.
 */
export function sourceListHtml(sources: ReadonlyArray<Pick<Source, 'uid'> & SourceMetadata>, style: CitationStyle = 'apa'): string {
  if (sources.length === 0) return ''
  const entries = formatEntries(sources.map(sourceToCsl), style)
  return [`<section class="sources"><h2>Sources (${escapeHtml(CITATION_STYLE_NAMES[style])})</h2><ul>`, ...entries.map((e) => `<li>${escapeHtml(e)}</li>`), '</ul></section>'].join('\n')
}
