import { defineCommand } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { writeJson, writeLine } from '../io'
import { getUserName, setSetting } from '../../core/archive/settings'

export const whoamiCommand = defineCommand({
  name: 'whoami',
  usage: 'attest whoami --archive A [--set NAME] [--json]',
  summary: 'the name recorded as "who" in provenance (default: the OS user); --set changes it for this archive',
  options: { ...archiveOption, set: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    return withArchive(io, values, {}, (db) => {
      const name = (values.set as string | undefined)?.trim()
      if (name) setSetting(db, 'user.name', name)
      const userName = getUserName(db)
      if (values.json) writeJson(io, { userName })
      else writeLine(io, userName)
      return 0
    })
  }
})
