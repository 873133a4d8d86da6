// Plain data returned by the checks. Offsets are code points, end exclusive.

/** One step of a word-level diff FROM a source passage TO a quote. */
export interface DiffOp {
  /** insert = words the quote added; delete = words the source had that the quote left out. */
  op: 'equal' | 'insert' | 'delete'
  text: string
  /**
   * On an insert or delete: these words are in both, in a different order —
   * the quote moved them (two words swapped, passages joined out of order).
   * The insert shows where the quote puts them, the delete where the source has them.
   */
  moved?: true
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
