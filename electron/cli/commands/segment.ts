import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { AttestError } from '../../../shared/errors'
import { segment } from '../../../shared/text/segment'
import { defineCommand } from '../command'
import { readAll, writeJson, writeLine } from '../io'
import { decodeText } from '../../core/import/decode-text'

export const segmentCommand = defineCommand({
  name: 'segment',
  usage: 'attest segment [FILE|-] [--json]',
  summary: 'split text into sentences (offsets in code points)',
  options: { json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const file = positionals[0] ?? '-'
    let bytes: Buffer
    if (file === '-') bytes = await readAll(io.stdin)
    else {
      try {
        bytes = await readFile(resolve(io.cwd, file))
      } catch (err) {
        throw new AttestError('NOT_FOUND', `Cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? err}).`)
      }
    }
    const text = bytes.length === 0 ? '' : decodeText(bytes).text
    const sentences = segment(text)
    if (values.json) writeJson(io, sentences.map((s) => ({ index: s.index, start: s.start, end: s.end, text: s.text })))
    else for (const s of sentences) writeLine(io, `${s.index}\t${s.start}-${s.end}\t${s.text}`)
    return 0
  }
})
