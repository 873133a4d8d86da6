import { describe, it } from 'vitest'
import { expectManyParagraphsExtracted } from './many-paragraphs-page'

// A 20 MB page through extractHtml, in this thread: the size html.test.ts's
// 2 MB page stands in for in the default run (this one took 44 s of a loaded
// run). In the `exhaustive` project (`npm run test:exhaustive`, run by CI).
describe('extractHtml on a 20 MB page', () => {
  it('handles a 20 MB page without crashing', () => {
    expectManyParagraphsExtracted(20e6)
  }, 300_000)
})
