// Benchmark: Word and e-mail extraction against the libraries alone.
// - Word: our extractDocument (content sniffing, the zip inflated once under
//   caps, mammoth to HTML, the HTML walk, tracked changes and comments read
//   from the XML) vs mammoth.extractRawText on the same bytes.
// - E-mail: our extractDocument plus text extraction of every attachment vs
//   PostalMime.parse alone on the same message.
// The ratio is what the safety checks and the honest accounting cost.
import mammoth from 'mammoth'
import PostalMime from 'postal-mime'
import { extractDocument } from '../../electron/core/import/extract'
import { prepareAttachments } from '../../electron/core/import/attachments'
import { buildDocx, commented, deleted, inserted, listItem, para, run, table } from '../../tests/electron/core/import/build-docx'
import { attachmentPart, message, multipart } from '../../tests/electron/core/import/build-email'
import { syntheticReport, type Figure } from './archive'
import { median } from './median'

async function medianMs(rounds: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return median(times)
}

/** A long memo: paragraphs of report prose, a tracked change in every 10th, a comment in every 25th, a list and a table. */
function memoBody(paragraphs: number): { body: string; comments: Array<{ id: number; author: string; text: string }> } {
  const sentences = syntheticReport(paragraphs * 3).split(/(?<=\.)\s+/)
  const parts: string[] = [para(run('Deployment memo'), 'Heading1')]
  const comments: Array<{ id: number; author: string; text: string }> = []
  for (let i = 0; i < paragraphs; i++) {
    const [a, b, c] = sentences.slice(i * 3, i * 3 + 3)
    let inner = run(`${a} `)
    if (i % 10 === 0) inner += inserted(i * 2 + 1, 'Ana Ruiz', `${b} `) + deleted(i * 2 + 2, 'Ben Ode', 'an older figure ')
    else if (i % 25 === 1) inner += commented(100_000 + i, `${b} `)
    else inner += run(`${b} `)
    parts.push(para(inner + run(c ?? '')))
    if (i % 25 === 1) comments.push({ id: 100_000 + i, author: 'Ana Ruiz', text: `Check paragraph ${i}.` })
    if (i % 50 === 0) parts.push(listItem(`Item ${i}`), listItem(`Item ${i + 1}`))
  }
  parts.push(table(Array.from({ length: 200 }, (_, r) => [`Unit ${r}`, `${(r * 37) % 1000}`, r % 2 ? 'deployed' : 'in reserve'])))
  return { body: parts.join(''), comments }
}
function mail(paragraphs: number): Buffer {
  const text = syntheticReport(paragraphs * 3)
  const attachments = [1, 2, 3].map((n) => attachmentPart(`notes-${n}.txt`, 'text/plain', Buffer.from(syntheticReport(300 * n))))
  const body = multipart('mixed', 'm', [
    multipart('alternative', 'alt', [
      { headers: ['Content-Type: text/plain; charset=utf-8'], body: text },
      { headers: ['Content-Type: text/html; charset=utf-8'], body: `<html><body><p>${text.split(/(?<=\.)\s+/).join('</p><p>')}</p></body></html>` }
    ]),
    ...attachments
  ])
  return Buffer.from(
    message(['From: desk@example.org', 'To: editor@example.org', 'Date: Mon, 2 Feb 2026 09:15:00 +0000', 'Subject: Bench', 'MIME-Version: 1.0', ...body.headers], body.body)
  )
}

export async function benchWordMail(quick = false): Promise<Figure[]> {
  const rounds = quick ? 3 : 7
  const paragraphs = quick ? 300 : 3000
  const docx = await buildDocx({ title: 'Bench memo', ...memoBody(paragraphs) })
  const ours = await extractDocument(docx, { fileName: 'memo.docx' })
  const wordOurs = await medianMs(rounds, () => extractDocument(docx, { fileName: 'memo.docx' }))
  const wordBase = await medianMs(rounds, () => mammoth.extractRawText({ buffer: docx }))

  const eml = mail(paragraphs)
  const emlOurs = await medianMs(rounds, async () => prepareAttachments((await extractDocument(eml, { fileName: 'bench.eml' })).attachments))
  const emlBase = await medianMs(rounds, () => PostalMime.parse(eml))

  const docxMeta = ours.metadata.docx as { trackedChanges: unknown[]; comments: unknown[] }
  return [
    {
      name: `Word document to text (${paragraphs} paragraphs, ${docxMeta.trackedChanges.length} tracked changes, ${docxMeta.comments.length} comments, a 200-row table; ${(docx.length / 1024).toFixed(0)} KB): extractDocument vs mammoth.extractRawText`,
      ours: paragraphs / (wordOurs / 1000),
      baseline: paragraphs / (wordBase / 1000),
      ratio: wordBase / wordOurs,
      unit: 'paragraphs/s',
      goal: '(report)',
      met: null,
      details: { oursMs: wordOurs, baselineMs: wordBase, textChars: ours.text.length }
    },
    {
      name: `E-mail to text with 3 text attachments (${(eml.length / 1024).toFixed(0)} KB): extractDocument + attachment text vs PostalMime.parse alone`,
      ours: eml.length / 2 ** 20 / (emlOurs / 1000),
      baseline: eml.length / 2 ** 20 / (emlBase / 1000),
      ratio: emlBase / emlOurs,
      unit: 'MB/s',
      goal: '(report)',
      met: null,
      details: { oursMs: emlOurs, baselineMs: emlBase }
    }
  ]
}
