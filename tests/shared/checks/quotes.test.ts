import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkQuote, extractQuotes } from '../../../shared/checks/quotes'
import { MAX_ALIGN_WORDS } from '../../../shared/checks/quote-align'
import { sliceCodePoints } from '../../../shared/text/code-points'
import { CASE_DIR } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'

const proclamation = readFileSync(join(CASE_DIR, 'sources/proclamation-10886.txt'), 'utf8')
const eo = readFileSync(join(CASE_DIR, 'sources/eo-14167.txt'), 'utf8')
const gold = JSON.parse(readFileSync(join(CASE_DIR, 'gold.json'), 'utf8')) as {
  sentences: Array<{ text: string; quotes?: Array<{ quote: string; verdict: string }> }>
}
const sources = [{ snapshot: 'proclamation-10886', text: proclamation }]

describe('extractQuotes', () => {
  it('finds a “…” quotation with code-point offsets of its content', () => {
    const s = 'He claimed: “Our southern border is overrun.”'
    const q = nth(extractQuotes(s), 0)
    expect(q).toMatchObject({ quote: 'Our southern border is overrun.', depth: 0 })
    expect(sliceCodePoints(s, q.start, q.end)).toBe(q.quote)
  })

  it('drops the comma the writer put inside the closing mark (sentence 6 of the case)', () => {
    const s = nth(gold.sentences, 6).text
    expect(extractQuotes(s).map((q) => q.quote)).toEqual([nth(nth(gold.sentences, 6).quotes!, 0).quote])
  })

  it('finds the quotes the gold records in every sentence of the report', () => {
    for (const sentence of gold.sentences) {
      const expected = (sentence.quotes ?? []).map((q) => q.quote)
      expect(extractQuotes(sentence.text).map((q) => q.quote)).toEqual(expected)
    }
  })

  it('handles straight double quotes', () => {
    expect(extractQuotes('Officials called it "a surge" and "temporary."').map((q) => q.quote)).toEqual(['a surge', 'temporary.'])
  })

  it('reports a ‘…’ nested inside “…” as a second quote with depth 1', () => {
    const s = 'She said: “He told me ‘we are closing the border’ on Monday.”'
    const qs = extractQuotes(s)
    expect(qs.map((q) => [q.quote, q.depth])).toEqual([
      ['He told me ‘we are closing the border’ on Monday.', 0],
      ['we are closing the border', 1]
    ])
    expect(sliceCodePoints(s, nth(qs, 1).start, nth(qs, 1).end)).toBe('we are closing the border')
  })

  it('takes a top-level ‘…’ as a quote only when clearly one', () => {
    expect(extractQuotes('The memo called it ‘an invasion’ twice.').map((q) => q.quote)).toEqual(['an invasion'])
  })

  it('never takes apostrophes for quotes', () => {
    expect(extractQuotes('The U.S.’s border and Trump’s order. It’s the ’90s again, the troops’ role.')).toEqual([])
    expect(extractQuotes("It's the '90s and the '80s, Trump's call.")).toEqual([])
  })

  it('reports a quote left open at the end of the sentence', () => {
    expect(extractQuotes('He wrote: “We will act. ')).toEqual([{ quote: 'We will act.', start: 11, end: 23, depth: 0, unclosed: true }])
  })
})

describe('checkQuote: exact', () => {
  it('matches the real gold quote of sentence 13', () => {
    const q = nth(nth(gold.sentences, 13).quotes!, 0).quote
    const r = checkQuote(q, sources)
    expect(r.verdict).toBe('exact')
    expect(r.diff).toBeNull()
    expect(r.match!.snapshot).toBe('proclamation-10886')
    expect(r.match!.exact).toBe(q)
    expect(sliceCodePoints(proclamation, r.match!.start, r.match!.end)).toBe(q)
  })

  it('matches the 477-character quote of sentence 12 as extracted from the report', () => {
    const q = nth(extractQuotes(nth(gold.sentences, 12).text), 0)
    expect(q.quote.length).toBeGreaterThan(440)
    const r = checkQuote(q.quote, sources)
    expect(r.verdict).toBe('exact')
    expect(r.match!.exact).toBe(nth(nth(gold.sentences, 12).quotes!, 0).quote)
  })

  it('ignores straight vs typographic apostrophes and the source’s double spaces', () => {
    const r = checkQuote("America's sovereignty is under attack. Our southern border is overrun by cartels", sources)
    expect(r.verdict).toBe('exact')
    expect(r.match!.exact).toBe('America’s sovereignty is under attack.\u00a0 Our southern border is overrun by cartels')
  })

  it('ignores punctuation just inside the closing mark (a quote ending with ,”)', () => {
    const q = nth(extractQuotes('It ordered troops “to construct additional physical barriers,” officials said.'), 0)
    expect(checkQuote(q.quote, sources).verdict).toBe('exact')
    expect(checkQuote('to construct additional physical barriers.', sources).verdict).toBe('exact')
  })

  it('lets an ellipsis stand for omitted words, fragments in order', () => {
    const r = checkQuote('The Secretary of Defense … shall order as many units', sources)
    expect(r.verdict).toBe('exact')
    expect(r.match!.exact).toMatch(/^The Secretary of Defense, or the Secretary .* shall order as many units$/)
    expect(checkQuote('The Secretary of Defense ... shall order as many units', sources).verdict).toBe('exact')
  })

  it('does not let an ellipsis reorder the fragments', () => {
    expect(checkQuote('shall order as many units … The Secretary of Defense, or the Secretary of each', sources).verdict).not.toBe('exact')
  })

  it('matches whole words only: a quote never starts or ends inside a source word', () => {
    expect(checkQuote('rder as many units', sources).verdict).not.toBe('exact')
    const r = checkQuote('in, naproxen and oseltamivir', [{ snapshot: 's', text: 'It found that clarithromycin, naproxen and oseltamivir work.' }])
    expect(r.verdict).toBe('altered')
    expect(r.match!.exact).toBe('clarithromycin, naproxen and oseltamivir')
  })

  it('reports the first candidate when several match equally', () => {
    const r = checkQuote('southern border', [{ snapshot: 2, text: eo }, { snapshot: 1, text: proclamation }])
    expect(r.match!.snapshot).toBe(2)
  })
})

describe('checkQuote: near', () => {
  it('treats a change of case as near', () => {
    const r = checkQuote('our Southern Border is overrun by cartels', sources)
    expect(r.verdict).toBe('near')
    expect(r.diff).toContainEqual({ op: 'delete', text: 'Our southern border' })
  })

  it('treats a missing comma as near', () => {
    expect(checkQuote('cartels criminal gangs, known terrorists', sources).verdict).toBe('near')
  })

  it('treats "military age" for "military-age" as near', () => {
    const r = checkQuote('unvetted military age males from foreign adversaries', sources)
    expect(r.verdict).toBe('near')
    expect(r.diff).toEqual([
      { op: 'equal', text: 'unvetted' },
      { op: 'delete', text: 'military-age' },
      { op: 'insert', text: 'military age' },
      { op: 'equal', text: 'males from foreign adversaries' }
    ])
  })

  it('prefers an exact match in a later candidate over a near one in an earlier', () => {
    const r = checkQuote('Our southern border is overrun', [
      { snapshot: 'a', text: 'OUR SOUTHERN BORDER IS OVERRUN' },
      { snapshot: 'b', text: proclamation }
    ])
    expect(r).toMatchObject({ verdict: 'exact', match: { snapshot: 'b' } })
  })
})

describe('checkQuote: altered', () => {
  it('shows a swapped word', () => {
    const r = checkQuote('The Secretary of Defense shall send as many units or members of the Armed Forces', [
      { snapshot: 'p', text: 'The Secretary of Defense shall order as many units or members of the Armed Forces, including' }
    ])
    expect(r.verdict).toBe('altered')
    expect(r.diff).toEqual([
      { op: 'equal', text: 'The Secretary of Defense shall' },
      { op: 'delete', text: 'order' },
      { op: 'insert', text: 'send' },
      { op: 'equal', text: 'as many units or members of the Armed Forces' }
    ])
  })

  it('shows a swapped word against the real proclamation', () => {
    const r = checkQuote('shall send as many units or members of the Armed Forces, including the Ready Reserve', sources)
    expect(r.verdict).toBe('altered')
    expect(r.match!.exact).toBe('shall order as many units or members of the Armed Forces, including the Ready Reserve')
    expect(r.diff!.filter((d) => d.op !== 'equal')).toEqual([
      { op: 'delete', text: 'order' },
      { op: 'insert', text: 'send' }
    ])
  })

  it('shows a word dropped without an ellipsis', () => {
    const r = checkQuote('Our southern border is overrun by cartels, criminal gangs, terrorists, human traffickers', sources)
    expect(r.verdict).toBe('altered')
    expect(r.diff!.filter((d) => d.op !== 'equal')).toEqual([{ op: 'delete', text: 'known' }])
  })

  it('shows a word added', () => {
    const r = checkQuote('Our southern border is completely overrun by cartels, criminal gangs, known terrorists', sources)
    expect(r.verdict).toBe('altered')
    expect(r.diff!.filter((d) => d.op !== 'equal')).toEqual([{ op: 'insert', text: 'completely' }])
    expect(r.match!.exact).toBe('Our southern border is overrun by cartels, criminal gangs, known terrorists')
  })

  it('diffs each fragment of an ellipsis quote, the gap shown as an equal “…”', () => {
    const r = checkQuote('The Secretary of Defense … shall send as many units or members of the Armed Forces', sources)
    expect(r.verdict).toBe('altered')
    expect(r.diff).toContainEqual({ op: 'equal', text: '…' })
    expect(r.diff!.filter((d) => d.op !== 'equal')).toEqual([
      { op: 'delete', text: 'order' },
      { op: 'insert', text: 'send' }
    ])
  })
})

describe('checkQuote: altered, each kind of change found and shown', () => {
  const order = [{ snapshot: 'eo-14167', text: eo }]
  const changes = (r: ReturnType<typeof checkQuote>) => r.diff!.filter((d) => d.op !== 'equal' || d.text === '…')

  it('words dropped without an ellipsis (the order says “…territorial integrity and national boundaries is paramount…”)', () => {
    const r = checkQuote('The protection of a nation’s territorial integrity is paramount for its security', order)
    expect(r.verdict).toBe('altered')
    expect(r.match!.exact).toBe('The protection of a nation’s territorial integrity and national boundaries is paramount for its security')
    expect(changes(r)).toEqual([{ op: 'delete', text: 'and national boundaries' }])
  })

  it('a run dropped across a sentence boundary', () => {
    const r = checkQuote('along our national borders. The protection of territorial integrity and national boundaries is paramount', order)
    expect(r.verdict).toBe('altered')
    expect(r.match!.exact).toMatch(/^along our national borders\.\s+The protection of a nation’s territorial integrity and national boundaries is paramount$/u)
    expect(changes(r)).toEqual([{ op: 'delete', text: "a nation's" }])
  })

  it('two words swapped in a short quote, shown as moved rather than invented', () => {
    const r = checkQuote('Americans have died tragically', sources)
    expect(r.verdict).toBe('altered')
    expect(r.match!.exact).toBe('Americans have tragically died')
    expect(changes(r)).toEqual([
      { op: 'delete', text: 'tragically', moved: true },
      { op: 'insert', text: 'tragically', moved: true }
    ])
  })

  it('a word moved past its neighbour, past the end of the passage too', () => {
    const r = checkQuote('the illegal entry of aliens into the United States be entirely and immediately stopped', sources)
    expect(r.verdict).toBe('altered')
    expect(r.match!.exact).toBe('the illegal entry of aliens into the United States via the southern border be immediately and entirely stopped')
    expect(changes(r).every((d) => d.moved || d.text === 'via the southern border')).toBe(true)
  })

  it('a substituted word', () => {
    const r = checkQuote('The protection of a nation’s territorial integrity and national boundaries is essential for its security', order)
    expect(r.verdict).toBe('altered')
    expect(changes(r)).toEqual([
      { op: 'delete', text: 'paramount' },
      { op: 'insert', text: 'essential' }
    ])
  })

  it('an ellipsis joining two passages in the wrong order: altered, the later passage shown moved before the earlier', () => {
    const r = checkQuote('shall order as many units … The Secretary of Defense, or the Secretary of each', sources)
    expect(r.verdict).toBe('altered')
    expect(r.match!.exact).toMatch(/^The Secretary of Defense, or the Secretary of each .* shall order as many units$/u)
    expect(r.diff).toEqual([
      { op: 'delete', text: 'The Secretary of Defense, or the Secretary of each', moved: true },
      { op: 'equal', text: '…' },
      { op: 'equal', text: 'shall order as many units' },
      { op: 'equal', text: '…' },
      { op: 'insert', text: 'The Secretary of Defense, or the Secretary of each', moved: true }
    ])
  })

  it('an ellipsis in order with a word changed inside a fragment: the ellipsis still stands for its gap', () => {
    const r = checkQuote('The protection of a nation’s territorial integrity … is vital for its security', order)
    expect(r.verdict).toBe('altered')
    expect(r.diff).toContainEqual({ op: 'equal', text: '…' })
    expect(changes(r)).toEqual([{ op: 'equal', text: '…' }, { op: 'delete', text: 'paramount' }, { op: 'insert', text: 'vital' }])
  })

  it('a quote longer than one alignment piece, one word changed', () => {
    const words = proclamation.replace(/\s+/gu, ' ').split(' ')
    const at = words.indexOf('NOW,')
    const passage = words.slice(at, at + MAX_ALIGN_WORDS + 60)
    const changed = [...passage]
    changed[MAX_ALIGN_WORDS + 20] = 'zebra'
    const r = checkQuote(changed.join(' '), sources)
    expect(r.verdict).toBe('altered')
    expect(changes(r)).toEqual([
      { op: 'delete', text: passage[MAX_ALIGN_WORDS + 20] },
      { op: 'insert', text: 'zebra' }
    ])
  })

  it('an exact match in another source wins over an altered one: exact only when every word matches in order', () => {
    const quote = 'The protection of a nation’s territorial integrity is paramount for its security'
    expect(checkQuote(quote, order).verdict).toBe('altered')
    const r = checkQuote(quote, [...order, { snapshot: 'memo', text: `A memo said: ${quote}.` }])
    expect(r).toMatchObject({ verdict: 'exact', match: { snapshot: 'memo' } })
  })

  it('picks the closest passage among the sources', () => {
    const r = checkQuote('Americans have died tragically from drug overdoses', [
      { snapshot: 'far', text: 'Americans have died from many causes, including drug overdoses.' },
      { snapshot: 'proclamation', text: proclamation }
    ])
    expect(r.match!.snapshot).toBe('proclamation')
  })
})

describe('checkQuote: not found', () => {
  it('reports a quote that is not in the source', () => {
    expect(checkQuote('We will build the wall and Mexico will pay for it', sources)).toEqual({
      verdict: 'not-found',
      match: null,
      diff: null
    })
  })

  it('reports a real sentence of another document as not found, though it shares common words', () => {
    expect(checkQuote('It is the policy of the United States to ensure that the Armed Forces of the United States prioritize the protection of the sovereignty', sources).verdict).toBe('not-found')
  })

  it('reports a passage with more than 30% of its words changed as not found', () => {
    expect(checkQuote('Our northern border is overrun by bandits, rival gangs, known pirates', sources).verdict).toBe('not-found')
  })

  it('reports an empty quote or no candidates as not found', () => {
    expect(checkQuote('  ', sources).verdict).toBe('not-found')
    expect(checkQuote('border', []).verdict).toBe('not-found')
  })
})

describe('checkQuote: a large source', () => {
  // Speed is measured by `npm run bench -- --only anchor`; here, that the
  // anchored alignment still finds the right passage among 1 MB of filler.
  const big = 'Filler text about nothing in particular, repeated for size. '.repeat(17_000) + proclamation
  const candidate = [{ snapshot: 'big', text: big }]

  it('finds an exact quote at the end of 1 MB', () => {
    expect(big.length).toBeGreaterThan(1_000_000)
    expect(checkQuote(nth(nth(gold.sentences, 13).quotes!, 0).quote, candidate).verdict).toBe('exact')
  })

  it('finds an altered quote at the end of 1 MB, with its diff', () => {
    const r = checkQuote('shall send as many units or members of the Armed Forces', candidate)
    expect(r.verdict).toBe('altered')
    expect(r.diff!.filter((d) => d.op !== 'equal')).toEqual([
      { op: 'delete', text: 'order' },
      { op: 'insert', text: 'send' }
    ])
  })

  it('still anchors a changed quote whose every word the source repeats thousands of times', () => {
    const r = checkQuote('Filler text about particular nothing in', candidate)
    expect(r.verdict).toBe('altered')
    expect(r.diff!.filter((d) => d.op !== 'equal').every((d) => d.moved)).toBe(true)
  })
})
