// Benchmark: main text of a large HTML page (extractHtml: jsdom, Readability,
// our block walker) against the floor of any jsdom-based extractor, parsing the
// same page and reading body.textContent. The ratio is that floor's time over
// ours, per page shape: an article of paragraphs and lists, and one block of
// <br>-separated lines (quadratic in our walker until the walker built blocks
// from parts: 16 s for 1 MB against about 1 s for the parse).
import { JSDOM, VirtualConsole } from 'jsdom'
import { extractHtml } from '../../electron/core/import/html'
import { articlePage, oneBlockPage } from '../../tests/electron/core/import/text-heavy-html'
import type { Figure } from './archive'
import { median } from './median'

function ms(fn: () => unknown): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

function figure(shape: string, html: string): Figure {
  const ours = () => extractHtml(html).text.length
  const floor = () => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document.body.textContent?.length
  const o: number[] = []
  const b: number[] = []
  for (let i = 0; i < 3; i++) {
    o.push(ms(ours))
    b.push(ms(floor))
  }
  const mb = html.length / 2 ** 20
  return {
    name: `main text of a ${mb.toFixed(2)} MB HTML page (${shape}): extractHtml vs jsdom parse + textContent`,
    ours: mb / (median(o) / 1000),
    baseline: mb / (median(b) / 1000),
    ratio: median(b) / median(o),
    unit: 'MB/s of markup',
    goal: '>= 0.15x',
    met: null
  }
}

export function benchHtmlExtract(quick = false): Figure[] {
  const bytes = quick ? 256 * 1024 : 1024 * 1024
  return [figure('article', articlePage(bytes)), figure('one block of <br> lines', oneBlockPage(bytes))]
}
