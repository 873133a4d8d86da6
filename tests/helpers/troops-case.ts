import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Relation } from '../../shared/model'
import type { ArchiveDb } from '../../electron/core/archive/open-archive'
import { importCase } from '../../electron/core/import/import-case'
import { listSentences } from '../../electron/core/archive/reports'
import { resolveSource } from '../../electron/core/archive/sources'
import { findPassage } from '../../electron/core/linking/find-passage'
import { createLink } from '../../electron/core/linking/links'
import { CASE_DIR, testStamp } from './temp-archive'

export interface GoldSentence {
  index: number
  start: number
  end: number
  text: string
  attribution?: string
  evidence: Array<{ source: string; exact: string; relation: Relation }>
  quotes?: Array<{ quote: string; verdict: string; source: string }>
  numbers?: Array<{ value: string; found: boolean }>
  checkable?: boolean
}

export const gold: { sentences: GoldSentence[] } = JSON.parse(readFileSync(join(CASE_DIR, 'gold.json'), 'utf8'))

/** Imports the troops-border case and links every gold evidence passage, as a fact-checker would. */
export async function importCaseWithGoldLinks(db: ArchiveDb) {
  const result = await importCase(db, testStamp(), CASE_DIR)
  const sentences = listSentences(db, result.report.id)
  for (const g of gold.sentences) {
    const sentence = sentences[g.index]
    if (!sentence) throw new Error(`gold.json names sentence ${g.index}, which the report does not have`)
    for (const e of g.evidence) {
      const source = resolveSource(db, e.source)
      const passage = findPassage(db, source.id, e.exact)
      createLink(db, testStamp('gold'), {
        sentenceId: sentence.id,
        snapshotId: passage.snapshot,
        start: passage.start,
        end: passage.end,
        relation: e.relation
      })
    }
  }
  return { report: result.report, sentences }
}
