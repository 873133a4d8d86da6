// Tags and comments are events under their sentence's or source's subject, so
// a bundle's event chain carries them, verification still passes, and an
// archive that imports the bundle holds them in the origin's own chain.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBundle } from '../../../../electron/core/bundle/export-bundle'
import { verifyBundle } from '../../../../electron/core/bundle/verify-bundle'
import { importBundle } from '../../../../electron/core/bundle/import-bundle'
import { addComment, editComment } from '../../../../electron/core/notes/comments'
import { addTag, removeTag } from '../../../../electron/core/notes/tags'
import { resolveSource } from '../../../../electron/core/archive/sources'
import { importCaseWithGoldLinks } from '../../../helpers/troops-case'
import { tempArchive, tempDir, testStamp } from '../../../helpers/temp-archive'
import { nth } from '../../../helpers/nth'

let origin: ReturnType<typeof tempArchive>
let other: ReturnType<typeof tempArchive>
let out: ReturnType<typeof tempDir>
let bagDir: string
let commentId: string

beforeAll(async () => {
  origin = tempArchive()
  other = tempArchive()
  out = tempDir()
  const { report, sentences } = await importCaseWithGoldLinks(origin.db)
  const stamp = testStamp('ana', '2026-01-06T00:00:00.000Z')
  const sentenceId = nth(sentences, 2).id
  addTag(origin.db, stamp, { sentenceId, label: 'Troop numbers' })
  addTag(origin.db, stamp, { sentenceId, label: 'wrong tag' })
  removeTag(origin.db, stamp, { sentenceId, label: 'Wrong Tag' })
  const first = addComment(origin.db, stamp, { sentenceId, body: 'Figures differ from the ministry’s.' })
  commentId = editComment(origin.db, stamp, first.id, 'Figures differ from the ministry’s release of 3 May.').id
  const sourceId = resolveSource(origin.db, 'proclamation-10886').id
  addComment(origin.db, stamp, { sourceId, body: 'Checked against the gazette print.' })
  addTag(origin.db, stamp, { sourceId, label: 'official' })
  bagDir = join(out.path, 'bag')
  await exportBundle(origin.db, report.id, bagDir, { format: 'dir', claimReview: false })
}, 120_000)

afterAll(() => {
  origin.cleanup()
  other.cleanup()
  out.cleanup()
})

describe('tags and comments in bundles', () => {
  it('travel in the exported event chain, which still verifies', async () => {
    const files = readdirSync(join(bagDir, 'data/events'))
    const events = files.flatMap((f) => readFileSync(join(bagDir, 'data/events', f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)))
    const actions = events.map((e) => e.action)
    expect(actions.filter((a) => a === 'tag.added')).toHaveLength(3)
    expect(actions).toContain('tag.removed')
    expect(actions.filter((a) => a === 'comment.created')).toHaveLength(3)
    expect(events.find((e) => e.action === 'comment.created' && e.data.id === commentId)?.data.body).toBe('Figures differ from the ministry’s release of 3 May.')
    const r = await verifyBundle(bagDir)
    expect(r.problems).toEqual([])
    expect(r.valid).toBe(true)
  }, 120_000)

  it('arrive in the importing archive as the origin’s own events', async () => {
    await importBundle(other.db, testStamp('ben'), bagDir)
    const imported = other.db.prepare(`SELECT action, actor FROM imported_events WHERE action LIKE 'tag.%' OR action LIKE 'comment.%' ORDER BY seq`).all()
    expect(imported).toHaveLength(8)
    expect(imported.every((e) => (e as { actor: string }).actor === 'ana')).toBe(true)
  }, 120_000)
})
