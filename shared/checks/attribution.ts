// Attribution: which outlet (or person) a report sentence credits, so the
// checker can be pointed at that outlet's captured source. No outlet names
// are built in; outlets are recognised by shape (acronyms, "The …" names,
// newsroom words like News/Post/Times) and by the verb ("X reported").
//
// Kinds:
// - named:     "CNN reported", "according to The Washington Post"
// - anaphoric: "the outlet reported", "according to the newspaper" — resolved
//              to the outlet most recently NAMED in an earlier sentence
// - unnamed:   "according to a report" — outlet null, unless the report names
//              exactly one outlet as a reporting source elsewhere, in which
//              case that outlet is returned (still kind 'unnamed', so the UI
//              can say it is inferred): a report that says "a report" and
//              credits one outlet throughout almost always means that one.
// - speaker:   a person or pronoun speaking ("Trump wrote:", "He claimed:",
//              "officials said"). Outlet null. Reported so the quote check can
//              say whose words a quote claims to be, and so that a sentence
//              with a speaker is not mistaken for an unattributed one.

import { offsetMapFor } from '../text/code-points'

export type AttributionKind = 'named' | 'anaphoric' | 'unnamed' | 'speaker'

export interface Attribution {
  /** The attribution phrase as written ("CNN reported", "according to a report"). */
  text: string
  /** Code points in the sentence, end exclusive. */
  start: number
  end: number
  outlet: string | null
  kind: AttributionKind
  /** For kind 'speaker': who speaks ("Trump", "He", "officials"). */
  speaker?: string
}

interface Raw {
  text: string
  start: number // UTF-16 within the sentence
  end: number
  kind: AttributionKind
  name: string | null
  /** Credited as a reporting source (reported / according to an outlet / told an outlet). */
  reporting: boolean
}

const ANAPHORS =
  'outlet|newspaper|paper|network|broadcaster|agency|news agency|wire service|publication|station|channel|magazine|site|website|report|daily|tabloid|broadsheet'
const REPORT_WORDS = 'report|reports|news report|media report|media reports|story|article|investigation|analysis'
const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'you', 'it'])
/** Newsroom words that make a capitalised name an outlet. */
const OUTLET_WORDS =
  /\b(News|Post|Times|Journal|Press|Herald|Tribune|Guardian|Telegraph|Gazette|Chronicle|Agency|Network|Radio|Television|TV|Magazine|Daily|Wire|Broadcasting|Media|Independent|Observer|Mail|Mirror|Express|Standard|Star|Sun|Review|Report|Bulletin|Dispatch|Examiner|Inquirer|Globe)\b/
/** Capitalised words that start a sentence or clause but never a name. */
const NOT_NAME = new Set([
  'on', 'in', 'at', 'after', 'before', 'when', 'as', 'but', 'and', 'so', 'also', 'meanwhile', 'later', 'earlier',
  'then', 'yesterday', 'today', 'tonight', 'however', 'while', 'although', 'since', 'if', 'by', 'for', 'with',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'
])
const NAME_CONNECTORS = new Set(['of', 'and', '&', 'for', 'de', 'the'])

const SPEECH_VERBS =
  '(?:has |have |had |was |were |is |are )?(?:first |also |previously |later |exclusively |separately |initially )?(?:reported|reports|reporting|said|says|told|tells|wrote|writes|claimed|claims|stated|states|noted|notes|added|adds|announced|announces|tweeted|posted|argued|argues|insisted|insists|asserted|explained|warned|confirmed|revealed)'
const VERB = new RegExp(`\\b${SPEECH_VERBS}\\b`, 'g')
const ACCORDING = /\baccording to\s+/gi

function isCapitalised(w: string): boolean {
  return /^[\p{Lu}\d]/u.test(w)
}

/** An outlet by its shape: an acronym, a "The …" name, or a name with a newsroom word. */
export function looksLikeOutlet(name: string): boolean {
  const bare = name.replace(/^the\s+/i, '')
  if (/^\p{Lu}{2,}\b/u.test(bare)) return true // CNN, BBC, NBC News, AP
  if (/^the\s+\p{Lu}/u.test(name)) return true // The Washington Post, the Associated Press
  return OUTLET_WORDS.test(bare)
}

/** Capitalised name at the start of `s` ("The Washington Post said …" → "The Washington Post"). */
function leadingName(s: string): string | null {
  const words = s.split(/\s+/)
  const out: string[] = []
  for (const [i, word] of words.entries()) {
    const w = word.replace(/[.,;:!?”"’)]+$/u, (m) => (/^\p{Lu}\.$/u.test(word) ? m : ''))
    const trailingPunct = w !== word
    if (i === 0 && /^the$/i.test(w)) {
      out.push(w)
      continue
    }
    if (isCapitalised(w) && !(out.length === 0 && NOT_NAME.has(w.toLowerCase()))) out.push(w)
    else if (out.length > 0 && NAME_CONNECTORS.has(w.toLowerCase()) && isCapitalised(words[i + 1] ?? '')) out.push(w)
    else break
    if (trailingPunct) break
  }
  for (let last = out.at(-1); last !== undefined && !isCapitalised(last); last = out.at(-1)) out.pop()
  return out.length > 0 ? out.join(' ') : null
}

/** The subject just before a verb at `at`, within its clause. */
function subjectBefore(sentence: string, at: number): { text: string; start: number } | null {
  const head = sentence.slice(0, at)
  const clauseStart = Math.max(...[',', ';', ':', '“', '”', '"', '(', '—', '–'].map((c) => head.lastIndexOf(c))) + 1
  const clause = head.slice(clauseStart)
  const words = [...clause.matchAll(/\S+/g)]
  if (words.length === 0) return null
  // The walk below stays within words; past either end there is no word.
  const word = (k: number): string => words[k]?.[0] ?? ''
  // Walk back over a capitalised name (with connectors), else take a short
  // lowercase noun phrase or pronoun.
  let i = words.length - 1
  if (isCapitalised(word(i)) && !NOT_NAME.has(word(i).toLowerCase())) {
    while (
      i > 0 &&
      ((isCapitalised(word(i - 1)) && !NOT_NAME.has(word(i - 1).toLowerCase())) ||
        (NAME_CONNECTORS.has(word(i - 1).toLowerCase()) && i > 1))
    ) {
      i--
    }
    while (i < words.length - 1 && NAME_CONNECTORS.has(word(i).toLowerCase()) && word(i) !== 'The' && word(i) !== 'the') i++
  } else {
    // "the outlet", "a spokesperson", "officials", "he"
    const det = words.length >= 2 ? word(words.length - 2).toLowerCase() : ''
    if (['the', 'a', 'an', 'its', 'their', 'his', 'her'].includes(det)) i = words.length - 2
    else if (words.length >= 3 && ['the', 'a', 'an'].includes(word(words.length - 3).toLowerCase())) i = words.length - 3
  }
  const start = clauseStart + (words[i]!.index as number) // 0 <= i < words.length
  return { text: sentence.slice(start, at).trim(), start }
}

function classifySubject(subject: string, verb: string): { kind: AttributionKind; name: string | null; reporting: boolean } | null {
  const lower = subject.toLowerCase()
  const reportingVerb = /report/.test(verb)
  if (new RegExp(`^(?:the|its|that)\\s+(?:${ANAPHORS})$`).test(lower)) return { kind: 'anaphoric', name: null, reporting: true }
  if (new RegExp(`^(?:a|an)\\s+(?:\\w+\\s+)?(?:${REPORT_WORDS})$`).test(lower) || /^(?:reports|media reports)$/.test(lower)) {
    return { kind: 'unnamed', name: null, reporting: true }
  }
  if (PRONOUNS.has(lower)) return { kind: 'speaker', name: subject, reporting: false }
  if (isCapitalised(subject) && !/^(?:a|an)\s/i.test(subject)) {
    if (looksLikeOutlet(subject) || reportingVerb) return { kind: 'named', name: subject, reporting: reportingVerb || looksLikeOutlet(subject) }
    return { kind: 'speaker', name: subject, reporting: false }
  }
  if (/^[\p{Ll}]/u.test(subject)) return { kind: 'speaker', name: subject, reporting: false }
  return null
}

/** Every attribution phrase in one sentence, in order. */
function scan(sentence: string): Raw[] {
  const found: Raw[] = []

  for (const m of sentence.matchAll(ACCORDING)) {
    const from = (m.index as number) + m[0].length
    const rest = sentence.slice(from)
    const anaphor = new RegExp(`^(?:the|its|that)\\s+(?:${ANAPHORS})\\b`, 'i').exec(rest)
    const unnamed = new RegExp(`^(?:(?:a|an)\\s+(?:[\\w-]+\\s+)?(?:${REPORT_WORDS})|(?:media\\s+)?reports)\\b`, 'i').exec(rest)
    const name = leadingName(rest)
    const phrase = (len: number): Pick<Raw, 'text' | 'start' | 'end'> => ({
      text: sentence.slice(m.index as number, from + len),
      start: m.index as number,
      end: from + len
    })
    if (anaphor) found.push({ ...phrase(anaphor[0].length), kind: 'anaphoric', name: null, reporting: true })
    else if (unnamed) found.push({ ...phrase(unnamed[0].length), kind: 'unnamed', name: null, reporting: true })
    else if (name && rest.startsWith(name)) {
      const outlet = looksLikeOutlet(name)
      found.push({ ...phrase(name.length), kind: outlet ? 'named' : 'speaker', name, reporting: outlet })
    } else {
      const np = /^[\p{Ll}][\p{L}\s-]*?(?=[,.;:]|$)/u.exec(rest)
      if (np) found.push({ ...phrase(np[0].trimEnd().length), kind: 'speaker', name: np[0].trim(), reporting: false })
    }
  }

  for (const m of sentence.matchAll(VERB)) {
    const at = m.index as number
    if (/according to\s*$/i.test(sentence.slice(0, at))) continue
    const verb = m[0]
    const end = at + verb.length
    // "reported by X", "told X": the outlet follows the verb
    const after = sentence.slice(end)
    const by = /^\s+by\s+/.exec(after)
    if (by && /report/.test(verb)) {
      const name = leadingName(after.slice(by[0].length))
      if (name) {
        const stop = end + by[0].length + name.length
        found.push({ text: sentence.slice(at, stop), start: at, end: stop, kind: 'named', name, reporting: true })
        continue
      }
    }
    if (/^(?:told|tells)$/.test(verb)) {
      const name = leadingName(after.trimStart())
      if (name && looksLikeOutlet(name)) {
        const stop = end + (after.length - after.trimStart().length) + name.length
        const subj = subjectBefore(sentence, at)
        const start = subj ? subj.start : at
        found.push({ text: sentence.slice(start, stop), start, end: stop, kind: 'named', name, reporting: true })
        continue
      }
    }
    // inverted: ", said Trump." / ", reported CNN."
    const before = sentence.slice(0, at)
    if (/[,”"]\s*$/.test(before)) {
      const name = leadingName(after.trimStart())
      if (name && /^\s*\S/.test(after)) {
        const stop = end + (after.length - after.trimStart().length) + name.length
        const c = classifySubject(name, verb)
        if (c) {
          found.push({ text: sentence.slice(at, stop), start: at, end: stop, ...c })
          continue
        }
      }
    }
    const subj = subjectBefore(sentence, at)
    if (!subj || subj.text.length === 0) continue
    const c = classifySubject(subj.text, verb)
    if (c) found.push({ text: sentence.slice(subj.start, end), start: subj.start, end, ...c })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Outlet names compared case-insensitively, without a leading "The". */
function outletKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[’']s$/, '')
    .trim()
}

/**
 * The attribution of sentence `index`, preferring an outlet (named,
 * anaphoric or unnamed) over a speaker; null when the sentence credits no
 * one. See the kinds at the top of this file.
 */
export function findAttribution(sentences: readonly string[], index: number): Attribution | null {
  const sentence = sentences[index]
  if (sentence === undefined) return null
  const raws = scan(sentence)
  const pick = raws.find((r) => r.kind !== 'speaker') ?? raws[0]
  if (!pick) return null

  let outlet: string | null = null
  if (pick.kind === 'named') outlet = pick.name
  else if (pick.kind === 'anaphoric') {
    for (const earlier of sentences.slice(0, index).reverse()) {
      const last = scan(earlier)
        .filter((r) => r.kind === 'named')
        .at(-1)
      if (last) outlet = last.name
      if (outlet !== null) break
    }
  } else if (pick.kind === 'unnamed') {
    const credited = new Map<string, string>()
    sentences.forEach((s, j) => {
      if (j === index) return
      for (const r of scan(s)) if (r.kind === 'named' && r.reporting && r.name) credited.set(outletKey(r.name), r.name)
    })
    if (credited.size === 1) outlet = [...credited.values()][0] ?? null
  }

  const map = offsetMapFor(sentence)
  const result: Attribution = {
    text: pick.text,
    start: map.toCodePoint(pick.start),
    end: map.toCodePoint(pick.end),
    outlet,
    kind: pick.kind
  }
  if (pick.kind === 'speaker' && pick.name) result.speaker = pick.name
  return result
}

// ---------------------------------------------------------------------------
// Matching an outlet to captured sources

/** Generic words an outlet's name may carry or drop: "CNN" = "CNN Politics". */
const GENERIC_SUFFIXES = new Set(['news', 'politics', 'online', 'digital', 'international', 'com', 'media', 'tv', 'us', 'uk'])
const ACRONYM_STOPWORDS = new Set(['of', 'and', 'the', 'for', '&', 'on', 'in'])

function plain(s: string): string {
  return outletKey(s)
    .replace(/[.\u2019'’]/g, '')
    .replace(/[^\p{L}\p{N}&]+/gu, ' ')
    .trim()
}

/** The names a publisher string can go by: itself, its parts in parentheses, its acronyms. */
function aliases(publisher: string): { names: Set<string>; acronyms: Set<string> } {
  const names = new Set<string>()
  const acronyms = new Set<string>()
  const parts = [publisher.replace(/\s*\([^)]*\)\s*/g, ' '), ...[...publisher.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '')]
  for (const part of parts) {
    if (!part.trim()) continue
    names.add(plain(part))
    const words = part
      .replace(/^the\s+/i, '')
      .split(/\s+/)
      .filter((w) => w && !ACRONYM_STOPWORDS.has(w.toLowerCase()))
    const initials = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')[0] ?? '').join('').toLowerCase()
    if (initials.length >= 2) acronyms.add(initials)
    // "U.S. Customs and Border Protection" is "CBP": the country prefix is not in the acronym
    if (/^(U\.?S\.?|US|UK|U\.?K\.?)$/i.test(words[0] ?? '') && initials.length >= 3) acronyms.add(initials.slice(1))
    if (/^\p{Lu}{2,}$/u.test(part.trim())) acronyms.add(part.trim().toLowerCase())
  }
  return { names, acronyms }
}

/** "Trump orders troops - CNN" → "CNN": the publisher a title names when no publisher is recorded. */
function publisherFromTitle(title: string | null): string | null {
  const m = title ? /\s[-|–—]\s([^-|–—]+)$/.exec(title) : null
  return m?.[1]?.trim() ?? null
}

function sameName(a: string, b: string): boolean {
  if (a === b) return true
  const [short, long] = a.length <= b.length ? [a, b] : [b, a]
  if (!long.startsWith(short + ' ')) return false
  return long
    .slice(short.length + 1)
    .split(' ')
    .every((w) => GENERIC_SUFFIXES.has(w))
}

/**
 * Ids of the sources whose publisher is `outlet`: compared case-insensitively,
 * ignoring a leading "The", punctuation and parenthesised qualifiers
 * ("Joint Task Force North (U.S. Northern Command)"), by acronym ("CBP" =
 * "U.S. Customs and Border Protection"), and allowing generic suffixes ("CNN"
 * = "CNN Politics"). A source with no publisher is matched by the outlet a
 * title ends with ("… - CNN").
 */
export function matchOutlet(
  outlet: string,
  sources: ReadonlyArray<{ id: string; publisher: string | null; title: string | null }>
): string[] {
  const wanted = plain(outlet)
  if (!wanted) return []
  const wantedAcronyms = aliases(outlet).acronyms
  return sources
    .filter((s) => {
      const publisher = s.publisher ?? publisherFromTitle(s.title)
      if (!publisher) return false
      const { names, acronyms } = aliases(publisher)
      for (const n of names) if (sameName(n, wanted)) return true
      if (!wanted.includes(' ') && acronyms.has(wanted)) return true
      for (const n of names) if (!n.includes(' ') && wantedAcronyms.has(n)) return true
      return false
    })
    .map((s) => s.id)
}
