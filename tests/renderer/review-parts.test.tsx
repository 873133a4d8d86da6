// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { coverageOf } from '../../renderer/src/features/report-review/coverage'
import { CoverageBar } from '../../renderer/src/features/report-review/coverage-bar'
import { QuoteDiff } from '../../renderer/src/features/report-review/quote-diff'
import { layoutReport } from '../../renderer/src/features/report-review/report-layout'
import { wordDiff } from '../../shared/checks/word-diff'
import type { ReviewStatus } from '../../shared/model'
import { fixtureArchive } from './helpers/memory-client'
import { nth } from '../helpers/nth'

afterEach(cleanup)

describe('coverage', () => {
  it('counts statuses, folding not-checkable and opinion together', () => {
    const fx = fixtureArchive()
    const statuses: ReviewStatus[] = ['supported', 'opinion', 'not-checkable', 'unreviewed']
    const view = { sentences: fx.view.sentences.map((s, i) => ({ ...s, review: { ...s.review, status: nth(statuses, i) } })) }
    expect(coverageOf(view)).toEqual({ total: 4, supported: 1, partly: 0, contradicted: 0, unsupported: 0, notCheckable: 2, open: 1 })
  })

  it('labels every part in words, not only colour', () => {
    render(<CoverageBar coverage={{ total: 17, supported: 6, partly: 1, contradicted: 0, unsupported: 0, notCheckable: 3, open: 7 }} />)
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('6 supported, 1 partly, 3 not checkable / opinion, 7 open')
    expect(screen.getByText(/7 open/)).toBeTruthy()
  })
})

describe('quote diff', () => {
  it('shows what the quote added and left out as ins/del with spoken labels', () => {
    const diff = wordDiff('shall order as many units as appropriate', 'shall order many units as needed')
    render(<QuoteDiff diff={diff} />)
    const ins = document.querySelectorAll('ins')
    const del = document.querySelectorAll('del')
    expect(Array.from(del, (d) => d.textContent)).toEqual(['left out: as', 'left out: appropriate'])
    expect(Array.from(ins, (d) => d.textContent)).toEqual(['added: needed'])
    expect(document.querySelector('.quote-diff')?.textContent).toContain('shall order')
  })
})

describe('report layout', () => {
  it('keeps paragraphs and puts every sentence, with code-point offsets, in order', () => {
    const fx = fixtureArchive()
    const paras = layoutReport(fx.view.text, fx.view.sentences)
    expect(paras.map((p) => p.sentences)).toEqual([[0, 1], [2, 3]])
    const texts = paras.flatMap((p) => p.parts.filter((x) => x.kind === 'sentence').map((x) => x.text))
    expect(texts).toEqual(fx.view.sentences.map((s) => s.text))
    expect(texts[3]).toBe('Fourth.')
  })
})
