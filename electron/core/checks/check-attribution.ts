// The attribution check: whom a sentence says it got its facts from ("according
// to Reuters"), resolved to a source in the archive when one matches.
import type { AttributionCheck } from '../../../shared/api/types'
import type { Source } from '../../../shared/model'
import { findAttribution, matchOutlet } from '../../../shared/checks/attribution'
import { sourceLabel, type CheckScope } from './check-scope'

export interface AttributionResult {
  attribution: AttributionCheck | null
  /** The source it resolved to (a captured one preferred), which the quote check searches next. */
  source: Source | null
}

/** `texts` is every sentence of the report: an attribution may refer back ("according to the outlet"). */
export function checkAttribution(scope: CheckScope, texts: string[], index: number): AttributionResult {
  // A speaker ("Trump wrote:") is who is quoted, not where the report got
  // it from; only outlets and reports are attributions to resolve.
  const attributed = findAttribution(texts, index)
  const found = attributed && attributed.kind !== 'speaker' ? attributed : null
  if (!found) return { attribution: null, source: null }
  const { sources, sourceById, capturedIds } = scope
  const matches = found.outlet ? matchOutlet(found.outlet, sources.map((s) => ({ id: String(s.id), publisher: s.publisher, title: s.title }))) : []
  const candidates = matches.map((id) => sourceById.get(Number(id))!).filter(Boolean)
  const source = candidates.find((s) => capturedIds.has(s.id)) ?? candidates[0] ?? null
  return {
    attribution: {
      text: found.text,
      outlet: found.outlet,
      kind: found.kind as AttributionCheck['kind'],
      source: source ? sourceLabel(source) : null,
      captured: source ? capturedIds.has(source.id) : null
    },
    source
  }
}
