import { resolve } from 'node:path'
import { defineCommand, positional, required } from '../command'
import { writeJson, writeLine } from '../io'
import { recoverArchive } from '../../core/archive/recover'

export const recoverCommand = defineCommand({
  name: 'recover',
  usage: 'attest recover DAMAGED --out NEW [--json]',
  summary: 'copy what can still be read from a damaged archive into a new one, and say what was lost (exit 1 if anything was)',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    const from = resolve(io.cwd, positional(positionals, 0, 'DAMAGED', this))
    const to = resolve(io.cwd, required(values, 'out', this))
    const report = recoverArchive(from, to)
    if (values.json) writeJson(io, report)
    else {
      writeLine(io, `Recovered ${from} into ${to}.`)
      for (const t of report.tables) {
        if (t.copied === 0 && t.lost === 0) continue
        writeLine(io, `  ${t.table}: ${t.copied} copied${t.lost ? `, ${t.lost} lost` : ''}`)
        for (const n of t.notes) writeLine(io, `    ${n}`)
      }
      writeLine(io, report.complete ? 'Nothing readable was lost.' : 'Some rows could not be recovered (listed above).')
      for (const p of report.remainingProblems) writeLine(io, `  still to review: ${p}`)
      writeLine(io, `Check the new archive, then use it in place of the damaged one (attest check-integrity --archive ${to}).`)
    }
    return report.complete ? 0 : 1
  }
})
