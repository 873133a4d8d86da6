// Tags and comments in a sentence's History panel, in words.
import { describe, expect, it } from 'vitest'
import { describeEvent } from '../../renderer/src/features/report-review/sentence-history'

const base = { seq: 1, at: '2026-01-01T00:00:00Z', actor: 'ana', subject: 'sentence:s0', prevHash: '', hash: '', link: null }

describe('tag and comment events in the history', () => {
  it('says what was tagged, commented, changed and removed', () => {
    expect(describeEvent({ ...base, action: 'tag.added', data: { label: 'Troop numbers', key: 'troop numbers' } })).toBe('tagged it “Troop numbers”')
    expect(describeEvent({ ...base, action: 'tag.removed', data: { label: 'Troop numbers', key: 'troop numbers' } })).toBe('removed the tag “Troop numbers”')
    expect(describeEvent({ ...base, action: 'comment.created', data: { id: 'c1', body: 'Ask the ministry.' } })).toBe('commented “Ask the ministry.”')
    expect(describeEvent({ ...base, action: 'comment.created', data: { id: 'c2', body: 'Ask the city.', supersedes: 'c1' } })).toBe('changed a comment to “Ask the city.”')
    expect(describeEvent({ ...base, action: 'comment.removed', data: { id: 'c1', why: 'superseded by c2' } })).toBe('replaced a comment by a new version')
    expect(describeEvent({ ...base, action: 'comment.removed', data: { id: 'c2' } })).toBe('removed a comment')
  })
})
