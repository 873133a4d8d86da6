// A tag is free text a person types; "NATO", " nato " and "Nato" should be one
// tag. The label keeps the form first typed (trimmed, inner spaces collapsed,
// Unicode composed); the key is what matching uses (compatibility-composed and
// case-folded), so the archive's tag list and filters agree on sameness.

export const MAX_TAG_LENGTH = 100

/** The display form of a typed tag, or null when nothing is left after trimming. */
export function tagLabel(typed: string): string | null {
  const label = typed.normalize('NFC').replace(/\s+/gu, ' ').trim()
  return label === '' ? null : label
}

/** The matching form: two labels with the same key are the same tag. */
export function tagKey(label: string): string {
  return label.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase()
}

/** Why a typed tag cannot be used, in words; null when it can. */
export function tagProblem(typed: string): string | null {
  const label = tagLabel(typed)
  if (label === null) return 'A tag needs at least one letter, digit or sign.'
  if ([...label].length > MAX_TAG_LENGTH) return `A tag has at most ${MAX_TAG_LENGTH} characters (this one has ${[...label].length}).`
  if (/\p{Cc}/u.test(label)) return 'A tag cannot contain control characters.'
  return null
}
