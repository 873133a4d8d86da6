/**
 * The item at `index` (or under `key`), or a failed test that says it is not
 * there: for assertions on one item of a result (`nth(extractNumbers(s), 0).unit`).
 */
export function nth<T>(list: ArrayLike<T>, index: number): T
export function nth<T>(record: Readonly<Record<string, T>>, key: string): T
export function nth<T>(from: ArrayLike<T> | Readonly<Record<string, T>>, at: number | string): T {
  const item = (from as Record<string | number, T | undefined>)[at]
  if (item === undefined) {
    const size = typeof at === 'number' ? `, but the list has ${(from as ArrayLike<T>).length}` : ''
    throw new Error(`expected an item at ${JSON.stringify(at)}${size}`)
  }
  return item
}
