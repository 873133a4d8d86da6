// Light English stemming: inflections only (plural -s/-es/-ies, -ed, -ing,
// a final silent e, doubled consonants), never derivations. Aggressive
// stemmers conflate words a fact-checker keeps apart ("general"/"generate");
// related derivations (declare/declaration) come from the lexicon instead,
// where each pairing was chosen deliberately.
//
// `inflections` runs the rules backwards: the surface forms that share a
// stem, so a query can ask the index for each of them by exact term.

const VOWEL = /[aeiouy]/
const MIN_STEM = 3
const KEEP_FINAL_S = /(ss|us|is|ous|ics)$/

/** Words whose endings look inflectional but are not (news ≠ new, this ≠ thi). */
const INVARIANT = new Set(['news', 'series', 'species', 'always', 'perhaps', 'thus', 'gas', 'bus', 'yes', 'during', 'nothing', 'something', 'anything', 'everything', 'thing', 'things', 'king', 'ring', 'bring', 'spring', 'string', 'sing', 'wing', 'swing', 'ceiling', 'evening', 'morning', 'red', 'bed', 'need', 'feed', 'seed', 'speed', 'shed', 'hundred', 'united'])

function hasVowel(s: string): boolean {
  return VOWEL.test(s)
}

/** The stem of an index term (already folded to lowercase). */
export function stem(term: string): string {
  let w = term
  if (w.length <= MIN_STEM || INVARIANT.has(w) || /\d/.test(w)) return w
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y'
  else if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y'
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (/(ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2)
  else if (w.endsWith('s') && !KEEP_FINAL_S.test(w)) w = w.slice(0, -1)
  let suffixed = false
  if (w.endsWith('ing') && w.length - 3 >= MIN_STEM && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3)
    suffixed = true
  } else if (w.endsWith('ed') && w.length - 2 >= MIN_STEM && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2)
    suffixed = true
  }
  // stopped → stopp → stop; but keep -ll, -ss, -zz (fall, press, buzz)
  if (suffixed && /([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1)
  // declare / declared / declaring all end up as "declar"
  if (w.endsWith('e') && w.length > MIN_STEM + 1 && !w.endsWith('ee')) w = w.slice(0, -1)
  return w
}

/**
 * Surface forms with the same stem as `term` (the term first): candidates to
 * look up in the index by exact term. Only forms that stem back to the same
 * stem are returned, so the rules and their inverse cannot drift apart.
 */
export function inflections(term: string): string[] {
  const s = stem(term)
  if (/\d/.test(term) || term.length <= MIN_STEM) return [term]
  const last = s[s.length - 1]
  const candidates = [term, s, s + 'e', s + 's', s + 'es', s + 'ed', s + 'ing']
  if (s.endsWith('y')) candidates.push(s.slice(0, -1) + 'ies', s.slice(0, -1) + 'ied')
  // stop → stopped, stopping (short vowel before a final consonant doubles it)
  if (/[^aeiouy][aeiou][^aeiouywx]$/.test(s)) candidates.push(s + last + 'ed', s + last + 'ing')
  const out: string[] = []
  for (const c of candidates) {
    if (c.length === 0 || out.includes(c)) continue
    if (c === term || stem(c) === s) out.push(c)
  }
  return out
}
