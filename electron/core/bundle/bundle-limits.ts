// How much of an untrusted bundle verify and import may hold in memory, per
// file. Payload fixity is hashed as a stream and costs no memory; these caps
// are for what must be parsed or kept whole. Each is far above what an
// export of a real report writes (report.json of a 10,000-sentence report
// with its links is a few MB) and far below what would exhaust a desktop.

import { MAX_IMPORT_BYTES } from '../import/read-input'

/** report.json, annotations.jsonld, each snapshot's .meta.json. */
export const MAX_BUNDLE_JSON_BYTES = 64 * 1024 * 1024
/** Extracted texts and event-log files (read whole to anchor and re-hash). */
export const MAX_BUNDLE_TEXT_BYTES = 256 * 1024 * 1024
/** Snapshot bytes: no more than a file import accepts. */
export const MAX_BUNDLE_SNAPSHOT_BYTES = MAX_IMPORT_BYTES

/**
 * All snapshot bytes of one import: they are held together until the single
 * transaction that writes them, so the sum is capped too.
 */
export const MAX_BUNDLE_IMPORT_BYTES = 2 * MAX_IMPORT_BYTES

/** The problem code when a bundle file passes its cap (the import refuses it as BUNDLE_INVALID). */
export const TOO_LARGE = 'BUNDLE_FILE_TOO_LARGE'

export function tooLargeMessage(path: string, size: number, limit: number): string {
  return `${path} is ${size} bytes, larger than the ${limit} bytes Attest reads from a bundle for such a file; it was not read`
}
