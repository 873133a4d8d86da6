// "1 passage", "2 passages": a count and its noun agree.

/** The count with the noun in the right number; `plural` for nouns that do not just take an s. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`
}
