import { closeSync, createReadStream, openSync, writeSync } from 'node:fs'
import { createHash } from 'node:crypto'

/** Writes at least `bytes` of plain English lines to `path`, block by block (never all in memory). */
export function writeLargeTextFile(path: string, bytes: number): void {
  const line = Buffer.from('The Secretary of Defense shall order as many units as appropriate. 2,200 troops.\n')
  const block = Buffer.concat(Array(1024).fill(line))
  const fd = openSync(path, 'w')
  try {
    for (let written = 0; written < bytes; written += block.length) writeSync(fd, block)
  } finally {
    closeSync(fd)
  }
}

/** SHA-256 of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
