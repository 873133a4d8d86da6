import { expect } from 'vitest'
import { extractHtml } from '../../../../electron/core/import/html'

/**
 * Extracts a page of at least `bytes` of markup made of one paragraph after
 * another and checks it comes through whole: every paragraph a block, the
 * text starting where the page does.
 */
export function expectManyParagraphsExtracted(bytes: number): void {
  const paragraph = `<p>${'The quick brown fox jumps over the lazy dog, said the witness. '.repeat(20)}</p>\n`
  const count = Math.ceil(bytes / paragraph.length)
  const html = `<html><body><article>${paragraph.repeat(count)}</article></body></html>`
  expect(html.length).toBeGreaterThanOrEqual(bytes)
  const r = extractHtml(html)
  expect(r.blocks.length).toBe(count)
  expect(r.text.startsWith('The quick brown fox')).toBe(true)
}
