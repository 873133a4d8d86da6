// What a bundle may honestly say about when and by whom a snapshot was
// captured.
//
// The archive's snapshot row always has a capture time and a capturer (the
// columns are NOT NULL), because importers fill a gap with a default: a file
// or case imported without a recorded capture time gets the import time, and
// a case without a recorded capturer gets a placeholder sentence (a file
// import gets the importer). Those defaults are bookkeeping, not facts: a
// bundle that printed them would claim the page was captured at the moment
// someone imported it. So the bundle turns them back into "unknown" (null),
// and every document in it (metadata, PROV, annotations, report.html) leaves
// an unknown unstated.

/** Capturer values importers write when nobody recorded who captured a snapshot. */
export const UNKNOWN_CAPTURERS = new Set(['not recorded in case.json', 'unknown'])
/** What an importer of a bundle stores for a capturer the bundle says is unknown (the column is NOT NULL). */
export const UNKNOWN_CAPTURER = 'unknown'

export interface CaptureRecord {
  capturedAt: string
  capturedBy: string
  captureMethod: string
  importedAt: string
  importedBy: string
}

export interface CaptureFacts {
  /** When the bytes were captured, or null when nobody recorded it. */
  capturedAt: string | null
  /** Who captured them, or null when nobody recorded it. */
  capturedBy: string | null
}

// A live capture (Attest's own browser capture) happens before its import,
// so its time is always a real observation even if the clocks coincide.
const isLiveCapture = (method: string): boolean => method.startsWith('web-capture')

export function captureFacts(c: CaptureRecord): CaptureFacts {
  // An import stamps the capture time with its own stamp when none was given:
  // equal to the millisecond means the default, not an observation.
  const timeDefaulted = !isLiveCapture(c.captureMethod) && c.capturedAt === c.importedAt
  const byDefaulted = UNKNOWN_CAPTURERS.has(c.capturedBy) || (timeDefaulted && c.capturedBy === c.importedBy)
  return { capturedAt: timeDefaulted ? null : c.capturedAt, capturedBy: byDefaulted ? null : c.capturedBy }
}
