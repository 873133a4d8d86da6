// How far the review has got, as counts the coverage bar draws.
import type { ReportView } from '../../../../shared/api/types'

export interface Coverage {
  total: number
  supported: number
  partly: number
  contradicted: number
  unsupported: number
  /** not-checkable and opinion together: sentences that need no evidence. */
  notCheckable: number
  open: number
}

export function coverageOf(view: Pick<ReportView, 'sentences'>): Coverage {
  const c: Coverage = { total: view.sentences.length, supported: 0, partly: 0, contradicted: 0, unsupported: 0, notCheckable: 0, open: 0 }
  for (const s of view.sentences) {
    switch (s.review.status) {
      case 'supported':
        c.supported++
        break
      case 'partly-supported':
        c.partly++
        break
      case 'contradicted':
        c.contradicted++
        break
      case 'unsupported':
        c.unsupported++
        break
      case 'not-checkable':
      case 'opinion':
        c.notCheckable++
        break
      default:
        c.open++
    }
  }
  return c
}

export const COVERAGE_PARTS = [
  { key: 'supported', label: 'supported', cls: 'status-supported' },
  { key: 'partly', label: 'partly', cls: 'status-partly-supported' },
  { key: 'contradicted', label: 'contradicted', cls: 'status-contradicted' },
  { key: 'unsupported', label: 'unsupported', cls: 'status-unsupported' },
  { key: 'notCheckable', label: 'not checkable / opinion', cls: 'status-not-checkable' },
  { key: 'open', label: 'open', cls: 'status-unreviewed' }
] as const satisfies readonly { key: keyof Coverage; label: string; cls: string }[]
