// An event's data as an object to read fields from. Our own events always
// hold one; a colleague's or a bundle's may hold anything that is JSON and
// hashes right (null, a number, an object without the fields its action
// has), and one such event must not stop every view that reads the log.
// Readers get {} for anything that is not a plain object, and check each
// field's type where they use it.

export function dataObject(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
}

/** dataObject of a stored data text ({} also when the text is not JSON). */
export function parseDataObject(text: string): Record<string, unknown> {
  try {
    return dataObject(JSON.parse(text))
  } catch {
    return {}
  }
}
