// One table for how each review status is named, keyed and coloured, so the
// coverage bar, the sentence underline and the buttons cannot disagree.
import type { ReviewStatus } from '../../../../shared/model'

export interface StatusMeta {
  status: ReviewStatus
  key: string
  label: string
  /** Short explanation for the button's tooltip and screen readers. */
  hint: string
}

export const STATUS_META: readonly StatusMeta[] = [
  { status: 'supported', key: '1', label: 'Supported', hint: 'The sources back the sentence.' },
  { status: 'partly-supported', key: '2', label: 'Partly supported', hint: 'Some of it is backed; some is not or is overstated.' },
  { status: 'contradicted', key: '3', label: 'Contradicted', hint: 'The sources say otherwise.' },
  { status: 'unsupported', key: '4', label: 'Unsupported', hint: 'No source backs it (yet).' },
  { status: 'not-checkable', key: '5', label: 'Not checkable', hint: 'Not a factual claim that sources could settle.' },
  { status: 'opinion', key: '6', label: 'Opinion', hint: 'A view, not a fact.' },
  { status: 'unreviewed', key: '7', label: 'Open', hint: 'Not reviewed yet.' }
]

export function statusByKey(key: string): ReviewStatus | null {
  return STATUS_META.find((m) => m.key === key)?.status ?? null
}

export function statusLabel(status: ReviewStatus): string {
  return STATUS_META.find((m) => m.status === status)?.label ?? status
}
