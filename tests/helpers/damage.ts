import { readFileSync, writeFileSync } from 'node:fs'

/** Inverts every bit of the 4 KB page in the middle of the file (page-aligned, as a bad sector would be); returns its page number. */
export function flipMiddlePage(path: string): number {
  const bytes = readFileSync(path)
  const offset = Math.floor(bytes.length / 2 / 4096) * 4096
  for (let i = offset; i < offset + 4096; i++) bytes[i] ^= 0xff
  writeFileSync(path, bytes)
  return offset / 4096 + 1
}
