// W3C Web Annotation selectors, as Attest stores them. Offsets are Unicode
// code points, end exclusive (TextPositionSelector's definition).

export interface TextPositionSelector {
  type: 'TextPositionSelector'
  start: number
  end: number
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector'
  exact: string
  prefix?: string
  suffix?: string
}

export type TextSelector = TextPositionSelector | TextQuoteSelector

/** A span of a snapshot text, in code points, end exclusive. */
export interface Span {
  start: number
  end: number
}
