/**
 * The item at `index`, or a failed test that says the list was shorter: for
 * assertions on one item of a result (`nth(extractNumbers(s), 0).unit`).
 */
export function nth<T>(list: ArrayLike<T>, index: number): T {
  const item = list[index]
  if (item === undefined) throw new Error(`expected an item at index ${index}, but the list has ${list.length}`)
  return item
}
