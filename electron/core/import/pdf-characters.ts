// Character clean-up for text that comes out of PDF glyphs.
//
// We deliberately do NOT NFKC-normalise everything: a fact-checker quotes the
// document, so "½", "™", "²" or full-width digits must stay as printed. We only
// undo things that are artefacts of typesetting rather than of the text:
//  - Latin typographic ligatures (U+FB00–FB06): "ﬁ" is how the font drew "fi";
//    nobody searching for "financial" types U+FB01.
//  - Arabic and Hebrew presentation forms (U+FB1D–FDFF, U+FE70–FEFF): the
//    contextual glyph shapes of ordinary letters (a PDF stores what was drawn).
//    NFKC maps each back to its base letter, which is what a reader types.
//  - Unicode space characters (and C0 control codes, see below) become a plain
//    space; soft hyphens go.

const LATIN_LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'ſt', // long s + t: keep the long s, it is a letter, not a ligature
  '\uFB06': 'st'
}

const LATIN_LIGATURE_RE = /[\uFB00-\uFB06]/g
const PRESENTATION_FORM_RE = /[\uFB1D-\uFDFF\uFE70-\uFEFF]+/g
// C0 control codes only appear when a font has no Unicode mapping and pdf.js
// falls back to raw glyph codes. They are never letters; the low codes are most
// often the subset's space glyph ("Overview\u0002of\u0002the"), so a space
// keeps the readable parts readable. See controlCharacterShare for the warning.
// eslint-disable-next-line no-control-regex -- control codes are exactly what we replace
const SPACE_RE = /[\u0000-\u001F\u007F\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g
// Soft hyphen is invisible in print; the line-joining step handles it at line ends.
const DROP_RE = /[\u00AD\uFEFF]/g

export const SOFT_HYPHEN = '\u00AD'

/** Clean one text run. Soft hyphens are kept here when `keepSoftHyphen` (needed at line ends). */
export function cleanGlyphText(text: string, keepSoftHyphen = false): string {
  let out = text.replace(LATIN_LIGATURE_RE, (ch) => LATIN_LIGATURES[ch] ?? ch)
  out = out.replace(PRESENTATION_FORM_RE, (run) => {
    // U+FEFF (BOM / zero-width no-break space) sits in this block but is not a letter form.
    const normalized = run.replace(/\uFEFF/g, '').normalize('NFKC')
    return normalized
  })
  out = out.replace(SPACE_RE, ' ')
  out = out.replace(DROP_RE, (ch) => (keepSoftHyphen && ch === SOFT_HYPHEN ? ch : ''))
  return out
}

/** Length in Unicode code points (the unit of our page offsets): the one shared implementation. */
export { codePointLength } from '../../../shared/text/code-points'

const RTL_RE = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/g
const LETTER_RE = /\p{L}/gu

/** True when most letters in the text belong to right-to-left scripts. */
export function isMostlyRtl(text: string): boolean {
  const rtl = text.match(RTL_RE)?.length ?? 0
  if (rtl === 0) return false
  const letters = text.match(LETTER_RE)?.length ?? 0
  return rtl * 2 > letters
}

// eslint-disable-next-line no-control-regex -- counting control codes is the point
const CONTROL_RE = /[\u0000-\u0008\u000E-\u001F]/g
const VISIBLE_RE = /\S/g

/** Share of visible characters that are control codes: high means the page's
 *  fonts carry no Unicode mapping and the "text" is glyph numbers. */
export function controlCharacterShare(text: string): number {
  const visible = text.match(VISIBLE_RE)?.length ?? 0
  return visible === 0 ? 0 : (text.match(CONTROL_RE)?.length ?? 0) / visible
}
