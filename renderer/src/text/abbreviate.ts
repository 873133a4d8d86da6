// Shortens a long quotation for display to its beginning and end, cut only
// between words ("… ational control" reads as a different word).

/** Cuts after no more than `head` characters and keeps about the last `tail`, at word boundaries. */
export function abbreviate(text: string, head: number, tail: number): string {
  const chars = Array.from(text)
  if (chars.length <= head + tail + 10) return text
  // the indexes below stay within chars
  let cut = head
  while (cut > 0 && !/\s/.test(chars[cut] ?? '')) cut--
  // one very long word: cut it rather than show nothing
  if (cut === 0) cut = head
  let from = chars.length - tail
  while (from < chars.length && !/\s/.test(chars[from - 1] ?? '')) from++
  if (from >= chars.length) from = chars.length - tail
  const start = chars.slice(0, cut).join('').trimEnd()
  const end = chars.slice(from).join('').trimStart()
  return `${start} … ${end}`
}

/** The beginning only, cut between words. */
export function abbreviateHead(text: string, max: number): string {
  const chars = Array.from(text)
  if (chars.length <= max) return text
  let cut = max
  while (cut > 0 && !/\s/.test(chars[cut] ?? '')) cut-- // cut < chars.length
  if (cut === 0) cut = max
  return `${chars.slice(0, cut).join('').trimEnd()} …`
}
