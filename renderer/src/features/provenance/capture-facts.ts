// What is known about a capture, and what is not. An archive stores a
// capture time for every snapshot, but for a file or a case import without
// one it is the import time; and case.json records no capturer. Shown as
// fact, those would tell a reader something nobody knows: unknown reads as
// unknown.
import type { SnapshotMeta } from '../../../../shared/model'
import { formatWhen } from '../report-review/source-names'

type CaptureRecord = Pick<SnapshotMeta, 'capturedAt' | 'capturedBy' | 'captureMethod' | 'importedAt'>

/** Captures Attest made itself (its browser): their time and person are what happened. */
function capturedByAttest(s: CaptureRecord): boolean {
  return s.captureMethod.startsWith('web-capture')
}

/** The capture time, or null when the archive only knows when the bytes were imported. */
export function captureTime(s: CaptureRecord): string | null {
  if (!s.capturedAt) return null
  if (capturedByAttest(s)) return s.capturedAt
  return s.capturedAt === s.importedAt ? null : s.capturedAt
}

/** Who captured it, or null when nobody recorded it. */
export function capturer(s: CaptureRecord): string | null {
  const who = s.capturedBy?.trim()
  if (!who || /^not recorded\b/i.test(who) || who === 'unknown') return null
  return who
}

/** One line: "captured 2025-01-22 05:16 UTC by ana", with "unknown" where it is. */
export function captureLine(s: CaptureRecord): string {
  const when = captureTime(s)
  const who = capturer(s)
  return `captured ${when ? formatWhen(when) : 'at an unknown time'} by ${who ?? 'an unknown person'}`
}
