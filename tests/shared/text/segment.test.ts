import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { codePointLength, offsetMapFor, sliceCodePoints } from '../../../shared/text/code-points'
import { segment } from '../../../shared/text/segment'
import { CASE_DIR } from '../../helpers/temp-archive'
import { nth } from '../../helpers/nth'

const CASE = CASE_DIR

/** Just the sentence texts, which is what most behaviours are about. */
function texts(input: string): string[] {
  return segment(input).map((s) => s.text)
}

describe('segment', () => {
  it('splits the troops-border report exactly as its gold file', () => {
    const report = readFileSync(path.join(CASE, 'report.txt'), 'utf8')
    const gold = JSON.parse(readFileSync(path.join(CASE, 'gold.json'), 'utf8')) as {
      sentences: { index: number; start: number; end: number; text: string }[]
    }
    const want = gold.sentences.map(({ index, start, end, text }) => ({ index, start, end, text }))
    expect(want).toHaveLength(17)
    expect(segment(report)).toEqual(want)
  })

  it('returns nothing for empty or whitespace-only input', () => {
    expect(segment('')).toEqual([])
    expect(segment('  \n\n\t  ')).toEqual([])
  })

  it('numbers sentences from 0 and excludes surrounding whitespace', () => {
    expect(segment('  One.   Two!  ')).toEqual([
      { index: 0, start: 2, end: 6, text: 'One.' },
      { index: 1, start: 9, end: 13, text: 'Two!' }
    ])
  })

  it('ends sentences at periods, question marks and exclamation marks', () => {
    expect(texts('It rained. Did it stop? No! It went on?!')).toEqual([
      'It rained.',
      'Did it stop?',
      'No!',
      'It went on?!'
    ])
  })

  it('does not split after titles, months and other common abbreviations', () => {
    expect(texts('Mr. Smith met Dr. Jones, Gov. Lee and Sen. Park on Sept. 5 at 10 a.m. in St. Louis.')).toHaveLength(1)
    expect(texts('Lt. Col. Reyes, Gen. Ortiz and Rep. Kim (e.g. the panel, i.e. all of them) met.')).toHaveLength(1)
    expect(texts('Acme Inc. Alberta and Smith Jr. (the son) agreed, vs. Jones Corp. Canada etc. too.')).toHaveLength(1)
  })

  it('splits after an abbreviation when a typical sentence opener follows', () => {
    expect(texts('It was built by Acme Inc. The company denied it.')).toEqual([
      'It was built by Acme Inc.',
      'The company denied it.'
    ])
    expect(texts('He arrived in Jan. It was cold.')).toEqual(['He arrived in Jan.', 'It was cold.'])
  })

  it('keeps a multi-period abbreviation inside its sentence unless a sentence opener follows', () => {
    expect(texts('The U.S. Government and the U.K. Parliament agreed.')).toHaveLength(1)
    expect(texts('The U.S.’s border was closed.')).toHaveLength(1)
    expect(texts('Troops moved to the U.S. The border was closed. He left the U.K. In May he returned.')).toEqual([
      'Troops moved to the U.S.',
      'The border was closed.',
      'He left the U.K.',
      'In May he returned.'
    ])
  })

  it('treats single capital letters followed by a name as initials', () => {
    expect(texts('J. R. R. Tolkien wrote it. George W. Bush read it.')).toEqual([
      'J. R. R. Tolkien wrote it.',
      'George W. Bush read it.'
    ])
    expect(texts('She thanked you and I. We left.')).toEqual(['She thanked you and I.', 'We left.'])
  })

  it('judges times and eras by what follows', () => {
    expect(texts('He left at 6 p.m. Mr. Smith stayed.')).toEqual(['He left at 6 p.m.', 'Mr. Smith stayed.'])
    expect(texts('At 6 a.m. Mr. Smith arrived.')).toHaveLength(1)
    expect(texts('The office opens at 9 a.m. Monday through Friday.')).toHaveLength(1)
    expect(texts('Rome was founded in 753 B.C. Augustus came later.')).toHaveLength(2)
  })

  it('ends a sentence after a closing quotation mark when it ends inside the quote', () => {
    expect(texts('He said: “Go.” Then he left.')).toEqual(['He said: “Go.”', 'Then he left.'])
    expect(texts('He wrote: "We will win." The crowd cheered.')).toEqual(['He wrote: "We will win."', 'The crowd cheered.'])
    expect(texts('“Is it true?” she asked.')).toHaveLength(1)
  })

  it('does not split at a comma inside a closing quote followed by a lowercase continuation', () => {
    expect(texts('Specialists were sent “to assess threats and migrant flows,” CNN reported. Next.')).toEqual([
      'Specialists were sent “to assess threats and migrant flows,” CNN reported.',
      'Next.'
    ])
  })

  it('keeps terminal punctuation inside a quotation or brackets within the sentence', () => {
    expect(texts('The novel is called “Guards! Guards!” and it is funny.')).toHaveLength(1)
    expect(texts('This function (see. section 4.2) is important. Go on.')).toEqual([
      'This function (see. section 4.2) is important.',
      'Go on.'
    ])
  })

  it('includes closing brackets and footnote marks after the terminal', () => {
    expect(texts('(The company declined to comment.) The suit continues.')).toEqual([
      '(The company declined to comment.)',
      'The suit continues.'
    ])
    expect(texts('He cited it [see p. 4.] Then he left.')).toEqual(['He cited it [see p. 4.]', 'Then he left.'])
    expect(texts('Hydrogen is a gas.[1][2] It burns.')).toEqual(['Hydrogen is a gas.[1][2]', 'It burns.'])
  })

  it('splits at an ellipsis only before a capitalised sentence start', () => {
    expect(texts('Happy... No one had said so. Happy … no one had.')).toEqual([
      'Happy...',
      'No one had said so.',
      'Happy … no one had.'
    ])
    expect(texts('I thought... I would go.')).toHaveLength(1)
  })

  it('never splits at a period between digits', () => {
    expect(texts('Roughly 2,200 troops, 3.5 percent, cost $1.5 million in 1807. Version 1.2.3 shipped.')).toEqual([
      'Roughly 2,200 troops, 3.5 percent, cost $1.5 million in 1807.',
      'Version 1.2.3 shipped.'
    ])
  })

  it('keeps URLs, e-mail addresses and dotted names whole', () => {
    expect(texts('Mail jane.doe@example.com or see www.example.org/a.html. Then call.')).toEqual([
      'Mail jane.doe@example.com or see www.example.org/a.html.',
      'Then call.'
    ])
  })

  it('keeps datelines and dashes with their sentence', () => {
    expect(texts('WASHINGTON (AP) — The order was signed. It took effect.')).toEqual([
      'WASHINGTON (AP) — The order was signed.',
      'It took effect.'
    ])
    expect(texts('WASHINGTON —\nThe order was signed.')).toEqual(['WASHINGTON —\nThe order was signed.'])
    expect(texts('HOWELL, Mich. - Blissfield won again.')).toHaveLength(1)
  })

  it('always breaks at a blank line', () => {
    expect(texts('A heading without punctuation\n\nand a paragraph without a capital')).toEqual([
      'A heading without punctuation',
      'and a paragraph without a capital'
    ])
  })

  it('treats each line as a segment in line-structured text', () => {
    expect(texts('Troops ordered to border\nThe order came Monday.\n- first point\n- second point')).toEqual([
      'Troops ordered to border',
      'The order came Monday.',
      '- first point',
      '- second point'
    ])
  })

  it('joins hard-wrapped prose lines into sentences', () => {
    const wrapped =
      'This paragraph was wrapped by a mail client at roughly sixty\n' +
      'characters per line, so its newlines are not boundaries at\n' +
      'all. The second sentence starts mid-line.'
    expect(texts(wrapped)).toEqual([
      'This paragraph was wrapped by a mail client at roughly sixty\ncharacters per line, so its newlines are not boundaries at\nall.',
      'The second sentence starts mid-line.'
    ])
  })

  it('does not treat a list enumerator as a sentence end', () => {
    expect(texts('1. The item\n2. Another item\n(3.) Third item')).toEqual(['1. The item', '2. Another item', '(3.) Third item'])
  })

  it('drops horizontal rules between sentences', () => {
    expect(texts('FAMILY HISTORY ===== Nothing interesting\n_____')).toEqual(['FAMILY HISTORY', 'Nothing interesting'])
  })

  it('counts offsets in code points when astral characters precede a sentence', () => {
    const input = '😀 Smile. 𝒳 marks it. End.'
    const sentences = segment(input)
    expect(sentences.map((s) => s.text)).toEqual(['😀 Smile.', '𝒳 marks it.', 'End.'])
    expect(sentences.map((s) => [s.start, s.end])).toEqual([
      [0, 8],
      [9, 20],
      [21, 25]
    ])
    expect(codePointLength(input)).toBe(25)
  })

  it('returns offsets that slice back to each sentence text, in order and without overlap', () => {
    const report = readFileSync(path.join(CASE, 'report.txt'), 'utf8')
    const inputs = [
      report,
      '😀 “Quoted.” 𝒳 (aside.) Next… \n\n  More text here!  ',
      'a. b. c.\r\nd? e! f…\u2029g'
    ]
    for (const input of inputs) {
      let last = 0
      for (const s of segment(input)) {
        expect(sliceCodePoints(input, s.start, s.end)).toBe(s.text)
        expect(s.text).toBe(s.text.trim())
        expect(s.start).toBeGreaterThanOrEqual(last)
        last = s.end
      }
    }
  })

  it('keeps its invariants on a long text mixing every feature', () => {
    // deterministic: sentence k takes fragment k and separator k*7 (mod their counts)
    const fragments = [
      'Mr. Smith met Dr. Jones at 7 p.m. on Jan. 5 in Washington.',
      'The U.S. Army said 5,000 troops (approx. 4.5% of the force) were deployed.[1][2]',
      '“Guards! Guards!” he shouted, and they came.',
      'He said "Stop." Then he left… Happy... No one came.',
      'J. R. R. Tolkien wrote it in 1937 A.D. and it sold well; see p. 55, vol. 2.',
      'The dog weighed 5 lb. It was 5 ft. 6 in. tall.',
      'Visit www.example.com or e-mail jane.doe@x.com.Today is Tuesday.',
      'Wait?! Really!? (Yes.) [...] The vote was 5–4.',
      'Emoji 😀 are fine 🇺🇸. Math 𝒳 works too 𝒴.',
      '这是中文。这是第二句！',
      "``Do it,'' he said . `Fine' she replied ! '' Why ?",
      'HOWELL, Mich. — The city voted on v1.2.3 of the plan.',
      'oh yeah? sure. fine!',
      'In 44 B.C. Caesar died; at 8 a.m. 9 a.m. was late.',
      '1. First item. 2) Second item.',
      'Sec. 2.  Policy.  (a) It applies; and (b) it binds: i. ships; ii. aircraft.',
      'Goals: • cut costs • hire staff. It ended.... Then',
      'the text of a page that breaks in the middle of a sentence of the'
    ]
    const separators = [' ', '  ', '\n', '\n\n', ' ', '\r\n', '\n\n=====\n\n', ' ', '\u2029', '\n- ', '\t', ' ']
    let input = ''
    for (let k = 0; k < 5000; k++) input += nth(fragments, k % fragments.length) + nth(separators, (k * 7) % separators.length)

    const sentences = segment(input)
    expect(sentences.length).toBeGreaterThan(5000)
    const map = offsetMapFor(input)
    const problems: string[] = []
    let last = 0
    sentences.forEach((s, k) => {
      const gap = sliceCodePoints(input, last, s.start, map)
      if (s.index !== k) problems.push(`#${k}: index ${s.index}`)
      if (!(s.start >= last && s.end > s.start)) problems.push(`#${k}: offsets ${s.start}-${s.end} after ${last}`)
      if (sliceCodePoints(input, s.start, s.end, map) !== s.text) problems.push(`#${k}: text is not the slice`)
      if (/^\s|\s$/.test(s.text)) problems.push(`#${k}: surrounding whitespace in ${JSON.stringify(s.text)}`)
      // only whitespace and horizontal rules are ever left out of sentences
      if (!/^[\s=_~*-]*$/.test(gap)) problems.push(`#${k}: dropped ${JSON.stringify(gap)}`)
      last = s.end
    })
    if (!/^\s*$/.test(sliceCodePoints(input, last, map.codePointLength, map))) problems.push('text dropped at the end')
    expect(problems.slice(0, 10)).toEqual([])
  })
})

describe('segment: lists, headings and line breaks of documents (laws, orders, PDFs, e-mail)', () => {
  it('makes each lettered item "(a)", "(b)" on its own line a sentence, ended by a period or not', () => {
    expect(texts('The Secretary of Defense shall:\n(a) deliver a revised plan\n(b) report to the President within 30 days.')).toEqual([
      'The Secretary of Defense shall:',
      '(a) deliver a revised plan',
      '(b) report to the President within 30 days.'
    ])
  })

  it('makes each item a sentence when the items run together on one line', () => {
    expect(texts('Sec. 6.  Reporting Requirement.  (a)  Within 30 days, submit a report; and (b) within 90 days, a joint report.')).toEqual([
      'Sec. 6.  Reporting Requirement.',
      '(a)  Within 30 days, submit a report; and',
      '(b) within 90 days, a joint report.'
    ])
    expect(texts('The Secretary shall: (a) deliver the plan; (b) add the requirements; or (c) report why not.')).toEqual([
      'The Secretary shall:',
      '(a) deliver the plan;',
      '(b) add the requirements; or',
      '(c) report why not.'
    ])
  })

  it('keeps an enumerator that is a reference, or inside brackets or quotes, in its sentence', () => {
    expect(texts('As shown in Eq. (1) the rate doubles.')).toHaveLength(1)
    expect(texts('It applies to (a) ships, and (b) aircraft.')).toHaveLength(1)
    expect(texts('The rule (see paragraph 2; (b) above) applies.')).toHaveLength(1)
    expect(texts('He read: “The Secretary shall: (a) deliver the plan; (b) report.” Then he left.')).toEqual([
      'He read: “The Secretary shall: (a) deliver the plan; (b) report.”',
      'Then he left.'
    ])
  })

  it('makes roman-numbered items "(i)", "(ii)", "(iv)" sentences', () => {
    expect(texts('(a) Nothing shall affect:\n(i) the authority of an agency; or\n(ii) the functions of the Director.\n(iv) anything else')).toEqual([
      '(a) Nothing shall affect:',
      '(i) the authority of an agency; or',
      '(ii) the functions of the Director.',
      '(iv) anything else'
    ])
  })

  it('makes numbered items "1." and "2)" sentences, keeping the number with its item', () => {
    expect(texts('Orders:\n1. Deploy troops\n2. Build barriers\n3) Report back')).toEqual(['Orders:', '1. Deploy troops', '2. Build barriers', '3) Report back'])
    expect(texts('1. First item. 2. Second item.')).toEqual(['1. First item.', '2. Second item.'])
    expect(texts('The steps: 1. Deploy troops; 2. Build barriers; 3. Report.')).toEqual([
      'The steps:',
      '1. Deploy troops;',
      '2. Build barriers;',
      '3. Report.'
    ])
  })

  it('makes bulleted items "•" and "-" sentences, on their own lines or run together', () => {
    expect(texts('Goals:\n• cut costs\n• hire staff')).toEqual(['Goals:', '• cut costs', '• hire staff'])
    expect(texts('Goals: • cut costs • hire staff')).toEqual(['Goals:', '• cut costs', '• hire staff'])
    expect(texts('- green\n- blue')).toEqual(['- green', '- blue'])
  })

  it('joins an item wrapped over several lines, and splits the next item off', () => {
    expect(
      texts(
        '- the first point is long enough that the mail client wrapped it\n  onto a second line\n- the second point\n' +
          '(a) Within 30 days of the date of this order, the Secretary of\nDefense shall submit a report; and\n(b) nothing else'
      )
    ).toEqual([
      '- the first point is long enough that the mail client wrapped it\n  onto a second line',
      '- the second point',
      '(a) Within 30 days of the date of this order, the Secretary of\nDefense shall submit a report; and',
      '(b) nothing else'
    ])
    // a short item carried on by an indented line
    expect(texts('Verify:\n1. the number of troops\n2. whether the National Guard is\n   included\n3. the date')).toEqual([
      'Verify:',
      '1. the number of troops',
      '2. whether the National Guard is\n   included',
      '3. the date'
    ])
  })

  it('makes lettered items "a." and "b." sentences, on their own lines or in sequence in a line, but not initials or "v."', () => {
    expect(texts('Options:\na. wait for the order\nb. act now')).toEqual(['Options:', 'a. wait for the order', 'b. act now'])
    expect(texts('The order: a. deploys troops; b. builds barriers; and c. reports back.')).toEqual([
      'The order:',
      'a. deploys troops;',
      'b. builds barriers; and',
      'c. reports back.'
    ])
    expect(texts('It covers: i. ships; ii. aircraft; iii. vehicles.')).toEqual(['It covers:', 'i. ships;', 'ii. aircraft;', 'iii. vehicles.'])
    // out of sequence, a letter is a word: only "a", "1" or "i" starts a run
    expect(texts('Its grade: b. Not bad; c. would be worse.')).toEqual(['Its grade: b.', 'Not bad; c. would be worse.'])
    expect(texts('The first edition of the book was written and published by\nJ. R. R. Tolkien in 1937.')).toHaveLength(1)
    expect(texts('The Supreme Court cited its earlier decision in the case of Roe\nv. Wade at length.')).toHaveLength(1)
  })

  it('treats a line break inside a sentence as whitespace, whatever the next line starts with', () => {
    expect(texts('Declaring a National Emergency at the Southern Border of the\nUnited States')).toEqual([
      'Declaring a National Emergency at the Southern Border of the\nUnited States'
    ])
    const wrapped =
      'The deployment was discussed when the Secretary met with President\n' +
      "Biden's advisers on Monday, and the plan was approved the same day\n" +
      'by the National Security Council.'
    expect(texts(wrapped)).toEqual([wrapped])
    expect(texts('We sent our recom-\nmendation today.')).toEqual(['We sent our recom-\nmendation today.'])
  })

  it('joins a sentence cut by a page break (a blank line) but keeps short paragraphs apart', () => {
    expect(texts('(ii) the functions of the Office of Management and Budget relating\n\nto budgetary proposals.')).toEqual([
      '(ii) the functions of the Office of Management and Budget relating\n\nto budgetary proposals.'
    ])
    expect(texts('One\n\ntwo')).toEqual(['One', 'two'])
  })

  it('keeps the lines of an e-mail apart where the writer broke them, and joins the wrapped ones', () => {
    const mail =
      'Hi Ana,\n\nThe order was signed this morning and the first units should reach\n' +
      'the border by Friday. Can you confirm the numbers with the\nPentagon before noon?\n\nThanks,\nBen'
    expect(texts(mail)).toEqual([
      'Hi Ana,',
      'The order was signed this morning and the first units should reach\nthe border by Friday.',
      'Can you confirm the numbers with the\nPentagon before noon?',
      'Thanks,',
      'Ben'
    ])
  })

  it('keeps headings and datelines apart from the sentence that follows', () => {
    expect(texts('Sec. 2.  Policy.  It is the policy of the United States to secure the border.')).toEqual([
      'Sec. 2.  Policy.',
      'It is the policy of the United States to secure the border.'
    ])
    expect(texts('Section 1. Purpose.\nSection 2. Policy.')).toEqual(['Section 1. Purpose.', 'Section 2. Policy.'])
    expect(
      texts('January 20, 2025\nThe President signed an order that sends troops to the southern\nborder and declares a national emergency there.')
    ).toEqual(['January 20, 2025', 'The President signed an order that sends troops to the southern\nborder and declares a national emergency there.'])
    expect(texts('WASHINGTON —\nThe order was signed.')).toEqual(['WASHINGTON —\nThe order was signed.'])
  })

  it('ends a sentence at a four-dot ellipsis unless a lowercase word follows', () => {
    expect(texts('I never meant that.... She left.')).toEqual(['I never meant that....', 'She left.'])
    expect(texts('It ended.... I left.')).toEqual(['It ended....', 'I left.'])
    expect(texts('It ended…. Then silence.')).toEqual(['It ended….', 'Then silence.'])
    expect(texts('He waited.... and waited.')).toHaveLength(1)
    // three dots before "I" still continue
    expect(texts('I thought... I would go.')).toHaveLength(1)
  })
})
