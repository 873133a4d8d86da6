// Plain data returned by the checks. Offsets are code points, end exclusive.

/** One step of a word-level diff FROM a source passage TO a quote. */
export interface DiffOp {
  /** insert = words the quote added; delete = words the source had that the quote left out. */
  op: 'equal' | 'insert' | 'delete'
  text: string
}

export type QuoteVerdict = 'exact' | 'near' | 'altered' | 'not-found'

export interface QuoteCandidate {
  snapshot: string | number
  text: string
}

export interface QuoteCheck {
  verdict: QuoteVerdict
  /** The passage matched, `exact` being the original (not normalised) source text. */
  match: { snapshot: string | number; start: number; end: number; exact: string } | null
  /** null for exact and not-found. */
  diff: DiffOp[] | null
}
