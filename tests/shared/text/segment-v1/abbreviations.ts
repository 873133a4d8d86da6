// FROZEN with segment-v1/segment.ts; never edit.
// Word lists the sentence segmenter consults. They encode English newswire
// conventions (AP style datelines, titles, state names, units) because Attest's
// reports are mostly news copy. Everything here is read-only data.

/**
 * Abbreviations written capitalised. Matched case-sensitively because their
 * lowercase forms are ordinary words ("no", "gen", "ill", "wash", "fig").
 */
export const CAPITALISED_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // titles and ranks: they precede a name, so a capital after them is the name
  'Mr', 'Mrs', 'Ms', 'Mx', 'Messrs', 'Mme', 'Mlle', 'Dr', 'Prof', 'Rev', 'Hon', 'Pres', 'Gov', 'Sen', 'Rep',
  'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Cmdr', 'Cdr', 'Sgt', 'Cpl', 'Pvt', 'Adm', 'Brig', 'Supt', 'Insp', 'Det',
  'Fr', 'Msgr', 'Atty', 'Amb', 'Sec', 'St', 'Mt', 'Ft',
  // name suffixes and company forms: may end a sentence, so only a clear sentence starter splits
  'Jr', 'Sr', 'Esq', 'Inc', 'Corp', 'Ltd', 'Co', 'Bros', 'Assn', 'Dept', 'Univ',
  // reference labels that are followed by a number
  'No', 'Nos', 'N°', 'Nº', 'Vol', 'Vols', 'Fig', 'Figs', 'Ch', 'Chap', 'Art', 'Sect', 'Eq', 'Ex',
  // addresses
  'Ave', 'Blvd', 'Rd', 'Hwy', 'Apt', 'Ste',
  // months and weekdays
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun',
  // AP-style US state abbreviations, common in datelines ("HOWELL, Mich. -")
  'Ala', 'Ariz', 'Ark', 'Calif', 'Colo', 'Conn', 'Del', 'Fla', 'Ga', 'Ill', 'Ind', 'Kan', 'Kans', 'Ky', 'La',
  'Md', 'Mass', 'Mich', 'Minn', 'Miss', 'Mo', 'Mont', 'Neb', 'Nebr', 'Nev', 'Okla', 'Ore', 'Oreg', 'Pa',
  'Penn', 'Tenn', 'Tex', 'Va', 'Vt', 'Wash', 'Wis', 'Wisc', 'Wyo'
])

/** Abbreviations that are not ordinary words in any case, so matched case-insensitively. */
export const ANY_CASE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'etc', 'vs', 'al', 'approx', 'appt', 'cf', 'viz', 'ca', 'pp', 'pg', 'para', 'paras', 'eds', 'ibid', 'incl',
  'misc', 'govt', 'intl', 'natl', 'assoc', 'dept', 'inc', 'corp', 'ltd', 'co', 'bros', 'jr', 'sr', 'esq',
  'tel', 'ext', 'attn', 'encl', 'resp', 'nr'
])

/** Units of measure: abbreviations only when they follow a number ("5 ft. 6 in."). */
export const UNITS: ReadonlySet<string> = new Set([
  'lb', 'lbs', 'oz', 'ft', 'in', 'mi', 'yd', 'yds', 'sq', 'cu', 'fl', 'gal', 'gals', 'qt', 'qts', 'pt', 'pts',
  'mg', 'kg', 'km', 'cm', 'mm', 'ml', 'hr', 'hrs', 'min', 'mins', 'sec', 'secs', 'tsp', 'tbsp', 'doz'
])

/**
 * Dotted abbreviations that close a phrase (times, eras, degrees). Unlike
 * "U.S.", which mostly modifies the next word, these are usually followed by
 * a new sentence when a capitalised word comes next. Lowercased, without the
 * final period.
 */
export const PHRASE_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'a.m', 'p.m', 'b.c', 'a.d', 'b.c.e', 'c.e',
  'ph.d', 'm.d', 'm.b.a', 'll.m', 'll.b', 'll.d', 'j.d', 'd.d.s', 'b.a', 'm.a', 'b.s', 'm.s', 'b.sc', 'm.sc',
  'ed.d', 'd.phil', 'psy.d', 'pharm.d', 'r.n', 'm.p.h', 'm.f.a', 'b.f.a', 'd.v.m'
])

/**
 * Words that commonly open an English sentence. After an abbreviation that may
 * or may not end its sentence ("U.S.", "Inc.", "Jan."), a following capitalised
 * word is only evidence of a new sentence when it is one of these: a name or a
 * noun ("U.S. Government") usually continues the phrase.
 */
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'There', 'Here', 'It', 'Its', 'He', 'She', 'We', 'They',
  'I', 'You', 'His', 'Her', 'Our', 'Their', 'My', 'Your', 'One', 'Some', 'Many', 'Most', 'Much', 'More', 'Few',
  'Several', 'All', 'Both', 'Each', 'Every', 'Any', 'No', 'None', 'Nobody', 'Nothing', 'Other', 'Others',
  'Another', 'Such', 'Millions', 'Thousands', 'Hundreds', 'Dozens', 'Billions', 'And', 'But', 'Or', 'Nor',
  'So', 'Yet', 'For', 'Because', 'Although', 'Though', 'While', 'Whereas', 'If', 'Unless', 'When', 'Whenever',
  'Where', 'Why', 'How', 'What', 'Which', 'Who', 'Whose', 'After', 'Before', 'Since', 'Until', 'During', 'In',
  'On', 'At', 'By', 'From', 'To', 'With', 'Without', 'Of', 'Over', 'Under', 'As', 'Among', 'Amid', 'Despite',
  'However', 'Meanwhile', 'Moreover', 'Furthermore', 'Nevertheless', 'Nonetheless', 'Instead', 'Indeed',
  'Thus', 'Therefore', 'Hence', 'Still', 'Also', 'Then', 'Now', 'Today', 'Yesterday', 'Tomorrow', 'Later',
  'Earlier', 'Last', 'Next', 'First', 'Finally', 'Just', 'Only', 'Even', 'Perhaps', 'Maybe', 'Yes', 'Not',
  'Never', 'Once', 'Often', 'Sometimes', 'Let', 'Please'
])

/**
 * Prepositions that open an introductory phrase ("At 6 a.m. Mr. Smith
 * arrived."). While the sentence so far is only such a phrase, a capitalised
 * word after a time or era abbreviation is its subject, not a new sentence.
 */
export const INTRO_PREPOSITIONS: ReadonlySet<string> = new Set([
  'In', 'On', 'At', 'By', 'Around', 'About', 'Before', 'After', 'Until', 'Till', 'Since', 'From', 'During',
  'Circa', 'Near', 'Toward', 'Towards', 'Through', 'Between', 'Approximately', 'Roughly', 'Shortly'
])

/** Words that continue a time expression ("7 p.m. Saturday", "11:58 p.m. PDT"). */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
  'ET', 'EST', 'EDT', 'CT', 'CST', 'CDT', 'MT', 'MST', 'MDT', 'PT', 'PST', 'PDT', 'GMT', 'UTC', 'BST', 'CET'
])

/**
 * True when `token` (without its final period) is a known non-unit
 * abbreviation. All-capitals forms are left out of the any-case list: "CO" or
 * "EST" written in capitals is an acronym, which ends sentences like a word.
 */
export function isKnownAbbreviation(token: string): boolean {
  if (CAPITALISED_ABBREVIATIONS.has(token)) return true
  const lower = token.toLowerCase()
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1)
  return ANY_CASE_ABBREVIATIONS.has(lower) && (token === lower || token === capitalised)
}
