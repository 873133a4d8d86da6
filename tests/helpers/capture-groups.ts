import { firstItems, type Items } from './first-items'

/**
 * The first `count` groups `pattern` captures in `text`, or a failed test that
 * quotes the text it did not match: `const [hash, path] = captureGroups(/^(\w+) (.+)$/, line, 2)`.
 */
export function captureGroups<N extends number>(pattern: RegExp, text: string, count: N): Items<string, N> {
  const match = pattern.exec(text)
  if (match === null) throw new Error(`expected ${String(pattern)} to match ${JSON.stringify(text)}`)
  return firstItems(match.slice(1), count)
}
