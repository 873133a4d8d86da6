import type { CheckReport, DiffOp, QuoteCheck } from '../../shared/api/types'

// `attest check` for people: problems first and marked, each with the reason
// in words and, for altered quotes, the words that differ.

const MARK: Record<QuoteCheck['verdict'], string> = {
  exact: 'ok  ',
  near: 'near',
  altered: 'FAIL',
  'not-found': 'FAIL',
  'source-not-captured': '??  '
}

function clip(s: string, n = 90): string {
  const one = s.replace(/\s+/g, ' ')
  return one.length > n ? `${one.slice(0, n - 1)}…` : one
}

/** `[-removed-]` and `{+added+}` as in `git diff --word-diff`, only around the changes. */
export function formatDiff(diff: DiffOp[]): string {
  return diff
    .map((d) => (d.op === 'equal' ? clip(d.text, 40) : d.op === 'delete' ? `[-${d.text.trim()}-]` : `{+${d.text.trim()}+}`))
    .join(' ')
}

function explain(q: QuoteCheck): string {
  switch (q.verdict) {
    case 'exact':
      return `found verbatim in ${q.source}`
    case 'near':
      return `in ${q.source} with differences of punctuation, hyphenation or case only`
    case 'altered':
      return `${q.source} says it differently: ${formatDiff(q.diff ?? [])}`
    case 'not-found':
      return 'not found in any archived source'
    case 'source-not-captured':
      return `attributed to ${q.source}, which is not captured: archive it to check`
  }
}

export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [`Checks for ${report.report}`, '']
  let problems = 0
  for (const s of report.sentences) {
    const items: string[] = []
    for (const q of s.quotes) {
      if (q.verdict === 'altered' || q.verdict === 'not-found') problems++
      items.push(`  ${MARK[q.verdict]} quote “${clip(q.quote, 70)}”: ${explain(q)}`)
    }
    for (const n of s.numbers) {
      if (n.evidence === 'none') items.push(`  ??   ${n.value}${n.unit ? ` ${n.unit}` : ''}: no evidence linked or suggested`)
      else if (n.found) items.push(`  ok   ${n.value}${n.unit ? ` ${n.unit}` : ''}: in the ${n.evidence === 'links' ? 'linked passage' : 'suggested passage'}`)
      else {
        problems++
        items.push(`  FAIL ${n.value}${n.unit ? ` ${n.unit}` : ''}: not in the ${n.evidence === 'links' ? 'linked passage' : 'suggested passage'}${n.sourceSays ? ` (the source says ${n.sourceSays})` : ''}`)
      }
    }
    if (s.attribution) {
      const a = s.attribution
      const who = a.source ? `${a.source}${a.captured ? '' : ' (not captured)'}` : 'no matching source in the archive'
      items.push(`  attr “${a.text}” → ${who}`)
    }
    if (items.length > 0) lines.push(`#${s.index} ${clip(s.text)}`, ...items, '')
  }
  lines.push(problems === 0 ? 'No quote or number problems found.' : `${problems} problem(s) marked FAIL.`)
  return lines.join('\n') + '\n'
}
