// A test double of the transport only: an in-memory archive answering the
// contract's operations with Result data, fed through the real apiFrom so the
// client's error handling is exercised too. Review logic stays real.
import type { OpInput, OpOutput } from '../../../shared/api/contract'
import type { OperationName } from '../../../shared/api/operation-names'
import type { CheckReport, ReportView, SentenceSuggestions } from '../../../shared/api/types'
import type { Link, Review, SourceWithSnapshots } from '../../../shared/model'
import { AttestError, toErrorData, type Result } from '../../../shared/errors'
import { apiFrom, type Client } from '../../../renderer/src/api/client'

export interface Call {
  name: OperationName
  input: unknown
}

type Handlers = { [K in OperationName]?: (input: OpInput<K>) => OpOutput<K> | Promise<OpOutput<K>> }

export function memoryClient(handlers: Handlers): { client: Client; calls: Call[] } {
  const calls: Call[] = []
  const api = apiFrom(async (name, input): Promise<Result<unknown>> => {
    calls.push({ name, input })
    const h = handlers[name] as ((i: unknown) => unknown) | undefined
    try {
      if (!h) throw new AttestError('NOT_FOUND', `no ${name} in this test archive`)
      return { ok: true, value: await h(input) }
    } catch (err) {
      return { ok: false, error: toErrorData(err) }
    }
  })
  return { client: { api, platform: 'browser', onMenu: () => () => {}, onProgress: () => () => {} }, calls }
}

const REPORT_TEXT = 'First claim here. Trump wrote: “Secure the border now.”\nThird sentence 😀 with emoji. Fourth.'

function sentenceAt(index: number, start: number, end: number) {
  const cps = Array.from(REPORT_TEXT)
  return { id: `s${index}`, reportId: 1, index, start, end, text: cps.slice(start, end).join('') }
}

export function fixtureArchive() {
  const cps = Array.from(REPORT_TEXT)
  const find = (s: string) => {
    const utf16 = REPORT_TEXT.indexOf(s)
    return Array.from(REPORT_TEXT.slice(0, utf16)).length
  }
  const s0 = sentenceAt(0, 0, find(' Trump'))
  const s1 = sentenceAt(1, find('Trump'), find('\n'))
  const s2 = sentenceAt(2, find('Third'), find(' Fourth'))
  const s3 = sentenceAt(3, find('Fourth'), cps.length)
  const review = (sentenceId: string): Review => ({ sentenceId, status: 'unreviewed', note: null, updatedAt: null, updatedBy: null })
  const view: ReportView = {
    report: { id: 1, sourceId: 10, snapshotId: 100, segmenter: 'test', createdAt: '2025-01-22T00:00:00Z', createdBy: 'tester', sentenceCount: 4, title: 'Test report', externalId: 'r' },
    text: REPORT_TEXT,
    snapshot: {} as ReportView['snapshot'],
    sentences: [s0, s1, s2, s3].map((s) => ({ ...s, review: review(s.id), links: [] as Link[] }))
  }
  const source: SourceWithSnapshots = {
    id: 20, uid: 'u20', externalId: 'proc', kind: 'primary', title: 'The Proclamation', publisher: 'The White House', authors: [], url: null,
    published: null, identifiers: {}, notes: null, extra: {}, createdAt: '', createdBy: 'tester', updatedAt: '', captured: true,
    snapshots: [{ id: 200, sourceId: 20, mediaType: 'text/plain', pageCount: null } as SourceWithSnapshots['snapshots'][number]]
  }
  const checks: CheckReport = {
    report: 'r',
    sentences: [
      { index: 0, sentenceId: 's0', start: s0.start, end: s0.end, text: s0.text, quotes: [], numbers: [], attribution: null },
      {
        index: 1, sentenceId: 's1', start: s1.start, end: s1.end, text: s1.text,
        quotes: [{ quote: 'Secure the border now.', start: 0, end: 0, verdict: 'exact', source: 'proc', match: { snapshot: 200, start: 50, end: 72, exact: 'Secure the border now.' }, diff: null, scope: 'archive' }],
        numbers: [], attribution: null
      }
    ]
  }
  const suggestions = (index: number): SentenceSuggestions[] => [
    {
      index, sentenceId: `s${index}`,
      candidates: index === 1
        ? [{ source: 'proc', sourceId: 20, snapshot: 200, start: 40, end: 80, exact: 'He said: Secure the border now. Then more.', score: 3, reasons: ['quote found verbatim'], primary: true }]
        : [{ source: 'proc', sourceId: 20, snapshot: 200, start: 0, end: 20, exact: 'A passage that agrees', score: 1, reasons: ['shared terms'], primary: true }]
    }
  ]
  return { view, source, checks, suggestions }
}
