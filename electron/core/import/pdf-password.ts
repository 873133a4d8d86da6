// Which byte spellings of a user's password to offer pdf.js.
//
// A password is text, but PDF encryption hashes bytes, and which bytes depends
// on the encryption revision:
//  - R2–R4 (RC4 / AES-128): PDFDocEncoding, i.e. Latin-1 for the characters
//    people type. pdf.js takes the low byte of each UTF-16 unit: "as typed".
//  - R6 (AES-256, ISO 32000-2): SASLprep (RFC 4013) then UTF-8. pdf.js 5.6 does
//    the UTF-8 step itself but not SASLprep, so "S\u00AASL\u00ADprep" (the
//    pdf.js test password for saslprep-r6.pdf) fails unless we prepare it.
//  - R5 (Adobe's AES-256 extension, e.g. issue21579.pdf): also SASLprep + UTF-8,
//    but pdf.js 5.6 applies no UTF-8 step for R5, so we must hand it a "binary
//    string" whose char codes are the UTF-8 bytes.
// The file does not tell pdf.js which spelling the author's software used, so
// we try each distinct candidate in turn (pdf.js re-asks via onPassword, which
// is cheap: the document is parsed once).

// RFC 3454 table C.1.2: non-ASCII spaces, mapped to U+0020 by SASLprep.
const NON_ASCII_SPACE_RE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g
// RFC 3454 table B.1: "commonly mapped to nothing".
// eslint-disable-next-line no-misleading-character-class -- these are lone code points from the RFC table, not combined characters
const MAPPED_TO_NOTHING_RE = /[\u00AD\u034F\u1806\u180B-\u180D\u200B-\u200D\u2060\uFE00-\uFE0F\uFEFF]/g

/** SASLprep mapping + NFKC (RFC 4013 §2.1–2.2). Prohibited-character checks are
 *  not needed: we only derive candidates, a wrong one simply fails to open. */
export function saslPrep(password: string): string {
  return password.replace(NON_ASCII_SPACE_RE, ' ').replace(MAPPED_TO_NOTHING_RE, '').normalize('NFKC')
}

/** The UTF-8 bytes of `text` as a string of char codes 0–255 (a "binary string"). */
function utf8BinaryString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1')
}

/** Distinct spellings to try, most likely first. */
export function passwordCandidates(password: string): string[] {
  const forms = [password, saslPrep(password), password.normalize('NFC'), password.normalize('NFD')]
  const out: string[] = []
  const add = (candidate: string): void => {
    if (!out.includes(candidate)) out.push(candidate)
  }
  for (const form of forms) add(form)
  // Binary UTF-8 spellings only differ from the plain ones for non-ASCII text.
  for (const form of forms) if (/[^\p{ASCII}]/u.test(form)) add(utf8BinaryString(form))
  return out
}
