import { nth } from './nth'

/** `count` items of type T, as a tuple (`Items<string, 2>` is `[string, string]`). */
export type Items<T, N extends number, Acc extends T[] = []> = Acc['length'] extends N ? Acc : Items<T, N, [...Acc, T]>

/**
 * The first `count` items of `list` as a tuple to destructure, or a failed
 * test that says which one is missing: `const [s0, s1] = firstItems(sentences, 2)`.
 */
export function firstItems<T, N extends number>(list: ArrayLike<T>, count: N): Items<T, N> {
  return Array.from({ length: count }, (_, i) => nth(list, i)) as Items<T, N>
}
