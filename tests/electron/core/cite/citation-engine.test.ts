import { describe, expect, it } from 'vitest'
import { CITATION_STYLES, formatItems, parseWithCitationJs, unwrapRis } from '../../../../electron/core/cite/citation-engine'
import { nameToString, type CslItem, type CslName } from '../../../../electron/core/cite/csl-mapping'

const LONG_URL = 'https://www.whitehouse.gov/presidential-actions/2025/01/declaring-a-national-emergency-at-the-southern-border-of-the-united-states/'
const ITEM: CslItem = { id: 'p10886', type: 'webpage', title: 'Declaring a National Emergency at the Southern Border of the United States', URL: LONG_URL, author: [{ family: 'Trump', given: 'Donald J.' }], issued: { 'date-parts': [[2025, 1, 20]] }, publisher: 'The White House' }

describe('the citation engine', () => {
  it('ships APA and Chicago author-date', () => {
    expect(CITATION_STYLES).toEqual(['apa', 'chicago-author-date'])
  })

  it('formats one item in each style', () => {
    expect(formatItems([ITEM], 'text', 'apa').trim()).toBe(`Trump, D. J. (2025, January 20). Declaring a National Emergency at the Southern Border of the United States. The White House. ${LONG_URL}`)
    expect(formatItems([ITEM], 'text', 'chicago-author-date').trim()).toBe(`Trump, Donald J. 2025. “Declaring a National Emergency at the Southern Border of the United States.” The White House. January 20, 2025. ${LONG_URL}.`)
  })

  it('refuses a style it does not ship', () => {
    expect(() => formatItems([ITEM], 'text', 'mla' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('writes RIS with each value on one line, so a long URL reads back whole', () => {
    const ris = formatItems([ITEM], 'ris')
    expect(ris).toContain(`UR  - ${LONG_URL}\n`)
    expect(parseWithCitationJs(ris, 'ris')[0]!.URL).toBe(LONG_URL)
  })

  it('undoes only the line breaks inside values', () => {
    expect(unwrapRis('TY  - ELEC\nUR  - https://a.example/0123\n456\nER  - \n\nTY  - BOOK\nER  - ')).toBe('TY  - ELEC\nUR  - https://a.example/0123456\nER  - \n\nTY  - BOOK\nER  - ')
  })

  it('writes BibTeX that reads back to the same item fields', () => {
    const back = parseWithCitationJs(formatItems([ITEM], 'bibtex'), 'bibtex')[0]!
    expect(back).toMatchObject({ title: ITEM.title, URL: LONG_URL, author: ITEM.author, publisher: 'The White House' })
  })
})

describe('RIS for newspaper articles', () => {
  it('writes each author as AU, which reads back as the author (one or several)', () => {
    const one: CslItem = { id: 'n1', type: 'article-newspaper', title: 'Troops', author: [{ family: 'Ruiz', given: 'Ana' }] }
    const two: CslItem = { id: 'n2', type: 'article-newspaper', title: 'Border', author: [{ family: 'Lee', given: 'Bo' }, { literal: 'Reuters' }] }
    const ris = formatItems([one, two], 'ris')
    expect(ris.match(/^AU {2}- .*$/gm)).toEqual(['AU  - Ruiz, Ana', 'AU  - Lee, Bo', 'AU  - Reuters'])
    const back = parseWithCitationJs(ris, 'ris')
    // RIS cannot mark a name as an organisation's: "Reuters" comes back as a family name, the same text in a source
    expect(back.map((i) => (i.author as CslName[]).map(nameToString))).toEqual([['Ruiz, Ana'], ['Lee, Bo', 'Reuters']])
  })
})
