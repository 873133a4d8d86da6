// The claim a sentence makes, short enough for ClaimReview's claimReviewed
// (Google asks for under 75 characters so it fits one line on a phone).
//
// A report sentence wraps its claim in reporting: who said it ("…, CNN
// reported", "according to…") and when or how it is framed ("On Monday, …").
// Those wrappers are dropped first, because they are not what was checked.
// If the claim is still long it is cut at the last clause boundary that fits
// and, failing that, at a word boundary with an ellipsis: a visible cut, never
// a rewording. The full sentence stays in itemReviewed.text.

export const CLAIM_TARGET_CHARS = 75

// "…, CNN reported", "…, the outlet said", "…, according to a report".
const TRAILING_ATTRIBUTION = /,\s+(?:according to [^,]{1,60}|[^,]{1,40}?\s(?:said|says|reported|reports|stated|states|told [^,]{1,40}|wrote|added))\s*$/i
// "According to X, …" and "X said (that) …" at the start.
const LEADING_ATTRIBUTION = /^(?:according to [^,]{1,60},\s+|[^,]{1,40}?\s(?:said|says|reported|reports|stated) (?:that )?)/i
// An introductory phrase of at most five words before a comma ("On Monday,", "Two days after being sworn in,").
const LEADING_PHRASE = /^(?:\S+\s+){0,4}\S+,\s+/
const CLAUSE_BOUNDARY = /[,;:—–]\s+/g

export function shortClaim(sentence: string): string {
  let claim = sentence.trim().replace(/[.!]+$/, '')
  claim = claim.replace(TRAILING_ATTRIBUTION, '')
  claim = claim.replace(LEADING_ATTRIBUTION, '')
  const rest = claim.replace(LEADING_PHRASE, '')
  // Only when what follows still reads as a clause of its own.
  if (rest !== claim && rest.split(/\s+/).length >= 5) claim = rest
  claim = claim.charAt(0).toUpperCase() + claim.slice(1)
  if ([...claim].length <= CLAIM_TARGET_CHARS) return claim
  return cutAtClause(claim) ?? cutAtWord(claim)
}

/** The longest prefix ending at a clause boundary that fits and still says something (30+ characters). */
function cutAtClause(claim: string): string | null {
  let best: string | null = null
  for (const m of claim.matchAll(CLAUSE_BOUNDARY)) {
    const prefix = claim.slice(0, m.index)
    if ([...prefix].length > CLAIM_TARGET_CHARS) break
    if ([...prefix].length >= 30) best = prefix
  }
  return best
}

function cutAtWord(claim: string): string {
  const cps = [...claim].slice(0, CLAIM_TARGET_CHARS - 1).join('')
  const space = cps.lastIndexOf(' ')
  return `${(space > 20 ? cps.slice(0, space) : cps).replace(/[\s,;:]+$/, '')}…`
}
