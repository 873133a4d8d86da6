import type { Migration } from './types'

// Version 6: the provenance panels ask for the history of one snapshot, link
// or sentence; without an index that is a scan of the whole (ever-growing) log.
export const eventSubjects: Migration = {
  version: 6,
  name: 'event-subjects',
  up(db) {
    db.exec(`CREATE INDEX events_subject ON events(subject, seq);`)
  }
}
