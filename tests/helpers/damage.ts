import { readFileSync, writeFileSync } from 'node:fs'

/** Inverts every bit of the 4 KB page in the middle of the file (page-aligned, as a bad sector would be); returns its page number. */
export function flipMiddlePage(path: string): number {
  const bytes = readFileSync(path)
  const offset = Math.floor(bytes.length / 2 / 4096) * 4096
  const page = bytes.subarray(offset, offset + 4096)
  for (const [i, b] of page.entries()) page[i] = b ^ 0xff
  writeFileSync(path, bytes)
  return offset / 4096 + 1
}
