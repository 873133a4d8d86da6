import type { Readable, Writable } from 'node:stream'

/** The CLI's world, passed in so tests can run commands in-process and read what they print. */
export interface CliIo {
  stdout: Writable
  stderr: Writable
  stdin: Readable
  cwd: string
  env: NodeJS.ProcessEnv
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

export function writeLine(io: CliIo, line = ''): void {
  io.stdout.write(line + '\n')
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}
