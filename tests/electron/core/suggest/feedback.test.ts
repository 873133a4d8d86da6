import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempArchive, testStamp } from '../../../helpers/temp-archive'
import { suggestForReport } from '../../../../electron/core/suggest/suggest'
import { rejectSuggestion } from '../../../../electron/core/suggest/feedback'
import { createLink } from '../../../../electron/core/linking/links'
import { listSentences } from '../../../../electron/core/archive/reports'
import { addDocument, addReport } from '../search/fixture'
import { nth } from '../../../helpers/nth'

let a: ReturnType<typeof tempArchive>
beforeEach(() => {
  a = tempArchive()
})
afterEach(() => a.cleanup())

const FILLER = 'The weather was mild. Markets opened higher on Tuesday. A new library opened downtown.'

describe('rejectSuggestion', () => {
  it('keeps a rejected passage out of that sentence’s suggestions, once, with an event in the log', () => {
    addDocument(a.db, { externalId: 'decree' }, `${FILLER} The governor signed a decree closing the northern bridge.`)
    addDocument(a.db, { externalId: 'memo' }, `${FILLER} A decree by the governor closes the northern bridge to trucks.`)
    const report = addReport(a.db, { externalId: 'report' }, 'The governor signed a decree closing the northern bridge.')
    const first = nth(suggestForReport(a.db, report.id, { vectors: null }), 0)
    const best = nth(first.candidates, 0)
    expect(best.source).toBe('decree')

    rejectSuggestion(a.db, testStamp(), { sentenceId: first.sentenceId, snapshotId: best.snapshot, start: best.start, end: best.end, why: 'about another bridge' })
    rejectSuggestion(a.db, testStamp(), { sentenceId: first.sentenceId, snapshotId: best.snapshot, start: best.start, end: best.end })
    expect(a.db.prepare(`SELECT count(*) FROM suggestion_rejections`).pluck().get()).toBe(1)
    expect(a.db.prepare(`SELECT count(*) FROM events WHERE action = 'suggestion.rejected'`).pluck().get()).toBe(1)

    const after = nth(suggestForReport(a.db, report.id, { vectors: null }), 0).candidates
    expect(after.some((c) => c.snapshot === best.snapshot && c.start < best.end && best.start < c.end)).toBe(false)
    expect(nth(after, 0).source).toBe('memo')
  })

  it('refuses an unknown sentence or snapshot and a passage outside the snapshot, storing nothing', () => {
    const { snapshotId } = addDocument(a.db, { externalId: 'decree' }, 'Short text.')
    const report = addReport(a.db, { externalId: 'report' }, 'A sentence.')
    const sentenceId = nth(listSentences(a.db, report.id), 0).id
    expect(() => rejectSuggestion(a.db, testStamp(), { sentenceId: 'nope', snapshotId, start: 0, end: 3 })).toThrow(/No sentence/)
    expect(() => rejectSuggestion(a.db, testStamp(), { sentenceId, snapshotId: 999, start: 0, end: 3 })).toThrow(/No snapshot 999/)
    expect(() => rejectSuggestion(a.db, testStamp(), { sentenceId, snapshotId, start: 0, end: 500 })).toThrow(/has 11 characters/)
    expect(() => rejectSuggestion(a.db, testStamp(), { sentenceId, snapshotId, start: 3, end: 3 })).toThrow(/start < end/)
    expect(a.db.prepare(`SELECT count(*) FROM suggestion_rejections`).pluck().get()).toBe(0)
  })
})

describe('links as evidence about the archive', () => {
  it('favours the source a person linked a similar sentence to, and says so', () => {
    // two sources say the same thing; nothing in the text prefers either
    const same = 'Vaccination rates among nurses rose sharply in the spring.'
    const x = addDocument(a.db, { externalId: 'survey-a' }, `${FILLER} ${same}`)
    addDocument(a.db, { externalId: 'survey-b' }, `${FILLER} ${same}`)
    const report = addReport(a.db, { externalId: 'report' }, `Vaccination rates among nurses rose in the spring. Vaccination rates among nurses rose sharply.`)
    const sentences = listSentences(a.db, report.id)
    const linked = nth(sentences, 0)
    const other = nth(sentences, 1)
    const before = nth(suggestForReport(a.db, report.id, { vectors: null, sentenceIndex: other.index }), 0).candidates
    expect(before.map((c) => c.source).sort()).toEqual(['survey-a', 'survey-b'])

    const text = a.db.prepare(`SELECT text FROM snapshots WHERE id = ?`).pluck().get(x.snapshotId) as string
    createLink(a.db, testStamp(), { sentenceId: linked.id, snapshotId: x.snapshotId, start: text.indexOf(same), end: text.indexOf(same) + same.length, relation: 'supports' })
    const after = nth(suggestForReport(a.db, report.id, { vectors: null, sentenceIndex: other.index }), 0).candidates
    expect(nth(after, 0).source).toBe('survey-a')
    expect(nth(after, 0).reasons.some((r) => r.startsWith('you linked a similar sentence to this source'))).toBe(true)
    expect(nth(after, 1).reasons.some((r) => r.startsWith('you linked'))).toBe(false)
  })
})
