// The bundle's human-readable page: every sentence of the report with its
// review, the mechanical checks, and each linked passage highlighted in its
// context, with the snapshot hash and capture time that pin it.
//
// It must open anywhere, offline, forever, and be safe although the report
// and sources are untrusted text: one file, inline CSS only, no script, a CSP
// that forbids loading anything, and every piece of text HTML-escaped. URLs
// of sources are shown as text, never as links (a link is an external load
// waiting for a click, and a `javascript:` URL is worse).

import type { DiffOp } from '../../../shared/api/types'
import type { BundleContents, BundleLink } from './bundle-model'
import { sourceListHtml } from '../cite/source-list-html'

const CONTEXT_CHARS = 60

// The words the workbench shows, not the stored identifiers ("partly-supported").
const STATUS_WORDS: Record<string, string> = {
  unreviewed: 'Open',
  supported: 'Supported',
  'partly-supported': 'Partly supported',
  contradicted: 'Contradicted',
  unsupported: 'Unsupported',
  'not-checkable': 'Not checkable',
  opinion: 'Opinion'
}
const VERDICT_WORDS: Record<string, string> = { exact: 'exact', near: 'near', altered: 'altered', 'not-found': 'not found', 'source-not-captured': 'source not captured' }
const words = (table: Record<string, string>, id: string): string => table[id] ?? id.replace(/-/g, ' ')

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{font-size:1.4rem}header dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{font-weight:600}code{font-size:.85em;word-break:break-all}
.sentence{border-top:1px solid #ddd;padding:.8rem 0}.text{font-size:1.05rem}
.idx{color:#777;margin-right:.5rem}.status{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.8rem;margin-left:.5rem;background:#eee}
.supported{background:#cfe8cf}.partly-supported{background:#f3e6b8}.contradicted{background:#f2c4c4}.unsupported{background:#e6d3f0}
.note{font-style:italic;color:#444}.passage{margin:.4rem 0 .4rem 1rem;padding:.4rem .6rem;border-left:3px solid #9ab}
mark{background:#fff2a8}.meta{color:#666;font-size:.8rem}del{background:#f8d0d0}ins{background:#d0f0d0;text-decoration:none}
ul{margin:.2rem 0}.unsigned{color:#8a3b00;font-weight:600;font-size:.85rem}
`

export function toReportHtml(bundle: BundleContents): string {
  const r = bundle.report
  const reportSource = bundle.sources.find((s) => s.uid === r.report.source)
  const sources = new Map(bundle.sources.map((s) => [s.uid, s]))
  const captures = new Map(bundle.snapshots.flatMap((s) => s.captures.map((c) => [`${s.sha256}:${c.source}`, c] as const)))
  const checks = new Map(bundle.checks.sentences.map((c) => [c.sentenceId, c]))
  const reviews = new Map(r.reviews.map((rv) => [rv.sentenceId, rv]))
  const liveLinks = r.links.filter((l) => !l.removedAt)
  const title = reportSource?.title ?? r.report.source

  const parts: string[] = []
  parts.push(
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    // Nothing may load: no scripts, images, fonts, frames or connections; only the inline style below.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)} — fact-check</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<header><h1>${escapeHtml(title)}</h1><dl>`,
    row('Report', reportSource ? label(reportSource) : r.report.source),
    row('Report snapshot', `<code>sha256:${r.report.snapshot}</code>`, true),
    row('Segmented', `${r.report.createdAt} by ${r.report.createdBy}`),
    row('Sentences', String(r.sentences.length)),
    row('Evidence links', String(liveLinks.length)),
    '</dl></header><main>'
  )

  for (const s of r.sentences) {
    const review = reviews.get(s.id)
    const status = review?.status ?? 'unreviewed'
    const check = checks.get(s.id)
    parts.push(`<section class="sentence" id="${escapeHtml(s.id)}">`)
    parts.push(`<p class="text"><span class="idx">${s.index + 1}.</span>${escapeHtml(s.text)}<span class="status ${escapeHtml(status)}">${escapeHtml(words(STATUS_WORDS, status))}</span></p>`)
    if (review?.signOff === null) parts.push(`<p class="unsigned">Not signed off: the team requires an editor to approve this verdict, and none has.</p>`)
    else if (review?.signOff) parts.push(`<p class="meta">signed off by ${escapeHtml(review.signOff.by)}, ${escapeHtml(review.signOff.at)}</p>`)
    if (review?.note) parts.push(`<p class="note">${escapeHtml(review.note)} <span class="meta">— ${escapeHtml(review.updatedBy)}, ${escapeHtml(review.updatedAt)}</span></p>`)
    else if (review) parts.push(`<p class="meta">reviewed by ${escapeHtml(review.updatedBy)}, ${escapeHtml(review.updatedAt)}</p>`)

    for (const link of liveLinks.filter((l) => l.sentenceId === s.id)) {
      const capture = captures.get(`${link.snapshotSha256}:${link.source}`)
      const source = sources.get(link.source)
      parts.push(`<div class="passage"><div><strong>${escapeHtml(link.relation)}</strong> — ${escapeHtml(source ? label(source) : link.source)}</div>`)
      parts.push(`<div>${passageInContext(bundle.texts.get(link.snapshotSha256) ?? '', link)}</div>`)
      const pages = link.pages?.length ? `, page${link.pages.length > 1 ? 's' : ''} ${link.pages.join('–')}` : ''
      parts.push(
        `<div class="meta">snapshot <code>sha256:${link.snapshotSha256}</code>, ${escapeHtml(capturedWhen(capture?.capturedAt ?? null))}` +
          `${capture?.originalUrl ? ` from ${escapeHtml(capture.originalUrl)}` : ''}; characters ${link.start}–${link.end}${pages}; linked by ${escapeHtml(link.createdBy)}, ${escapeHtml(link.createdAt)}</div>`
      )
      if (link.note) parts.push(`<div class="note">${escapeHtml(link.note)}</div>`)
      parts.push('</div>')
    }

    if (check && (check.quotes.length > 0 || check.numbers.length > 0 || check.attribution)) {
      parts.push('<ul class="checks">')
      for (const q of check.quotes) {
        const where = q.match ? ` in <code>sha256:${escapeHtml(bundle.snapshotShaById.get(q.match.snapshot) ?? '?')}</code>` : ''
        parts.push(`<li>Quote “${escapeHtml(q.quote)}”: <strong>${escapeHtml(words(VERDICT_WORDS, q.verdict))}</strong>${q.source ? ` (${escapeHtml(q.source)}${where})` : ''}${q.diff && q.verdict !== 'exact' ? `<br>${diffHtml(q.diff)}` : ''}</li>`)
      }
      for (const n of check.numbers) {
        parts.push(`<li>Number ${escapeHtml(n.value)}${n.unit ? ` ${escapeHtml(n.unit)}` : ''}: ${n.evidence === 'links' ? `${n.found ? 'found' : '<strong>not found</strong>'} in the linked passages` : 'not checked: no linked passage to compare with'}${n.sourceSays ? ` — source says “${escapeHtml(n.sourceSays)}”` : ''}</li>`)
      }
      if (check.attribution) {
        const a = check.attribution
        parts.push(`<li>Attribution “${escapeHtml(a.text)}”: ${a.source ? `${escapeHtml(a.source)}${a.captured ? '' : ' (not captured)'}` : 'no archived source matches'}</li>`)
      }
      parts.push('</ul>')
    }
    parts.push('</section>')
  }

  parts.push(sourceListHtml(bundle.sources.filter((src) => liveLinks.some((l) => l.source === src.uid))))
  parts.push('</main><footer><h2>Snapshots</h2><ul>')
  for (const snap of bundle.snapshots) {
    for (const c of snap.captures) {
      const source = sources.get(c.source)
      parts.push(`<li><code>sha256:${snap.sha256}</code> — ${escapeHtml(source ? label(source) : c.source)}, ${escapeHtml(snap.mediaType)}, ${snap.byteSize} bytes, ${escapeHtml(capturedWhen(c.capturedAt))}, ${escapeHtml(c.capturedBy ? `by ${c.capturedBy}` : 'capturer not recorded')} (${escapeHtml(c.captureMethod)}; imported ${escapeHtml(c.importedAt)})</li>`)
    }
  }
  parts.push('</ul></footer></body></html>', '')
  return parts.join('\n')
}

// An unknown capture time is said to be unknown; the import time is shown as
// what it is, never as the capture time.
function capturedWhen(at: string | null): string {
  return at ? `captured ${at}` : 'capture time not recorded'
}

function row(term: string, value: string, raw = false): string {
  return `<dt>${escapeHtml(term)}</dt><dd>${raw ? value : escapeHtml(value)}</dd>`
}

function label(s: { externalId: string | null; uid: string; title: string | null; publisher: string | null }): string {
  return [s.title, s.publisher].filter(Boolean).join(' — ') + ` [${s.externalId ?? s.uid}]`
}

/** The passage highlighted, with a few dozen characters of the snapshot text either side (code points, as offsets are). */
function passageInContext(text: string, link: Pick<BundleLink, 'start' | 'end' | 'exact'>): string {
  const cps = [...text]
  const inRange = link.end <= cps.length
  const exact = inRange ? cps.slice(link.start, link.end).join('') : link.exact
  const before = inRange ? cps.slice(Math.max(0, link.start - CONTEXT_CHARS), link.start).join('') : ''
  const after = inRange ? cps.slice(link.end, link.end + CONTEXT_CHARS).join('') : ''
  return `${link.start > CONTEXT_CHARS ? '…' : ''}${escapeHtml(before)}<mark>${escapeHtml(exact)}</mark>${escapeHtml(after)}${link.end + CONTEXT_CHARS < cps.length ? '…' : ''}`
}

function diffHtml(ops: DiffOp[]): string {
  return ops.map((op) => (op.op === 'equal' ? escapeHtml(op.text) : op.op === 'insert' ? `<ins>${escapeHtml(op.text)}</ins>` : `<del>${escapeHtml(op.text)}</del>`)).join('')
}
