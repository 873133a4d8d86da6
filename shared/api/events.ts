/** One entry of the archive's hash-chained log, as shown to users. */
export interface ArchiveEventData {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  data: unknown
  prevHash: string
  hash: string
}
