import { defineCommand } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { writeJson, writeLine } from '../io'
import { getOrganisation, getUserName, setSetting } from '../../core/archive/settings'
import { AttestError } from '../../../shared/errors'

export const whoamiCommand = defineCommand({
  name: 'whoami',
  usage: 'attest whoami --archive A [--set NAME] [--org NAME] [--review-url URL] [--json]',
  summary: 'the name recorded as "who" in provenance (default: the OS user); --set changes it for this archive; --org / --review-url name the organisation that publishes ClaimReviews and where',
  options: { ...archiveOption, set: { type: 'string' }, org: { type: 'string' }, 'review-url': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const reviewUrl = (values['review-url'] as string | undefined)?.trim()
    if (reviewUrl !== undefined && !/^https?:$/.test(safeProtocol(reviewUrl))) {
      throw new AttestError('USAGE', `--review-url must be an http(s) address where the reviews are published (got "${reviewUrl}").`)
    }
    return withArchive(io, values, {}, (db) => {
      const name = (values.set as string | undefined)?.trim()
      if (name) setSetting(db, 'user.name', name)
      const org = (values.org as string | undefined)?.trim()
      if (org) setSetting(db, 'org.name', org)
      if (reviewUrl) setSetting(db, 'org.reviewUrl', reviewUrl)
      const userName = getUserName(db)
      const organisation = getOrganisation(db)
      if (values.json) writeJson(io, { userName, organisation })
      else writeLine(io, organisation.name ? `${userName} (${organisation.name}${organisation.reviewUrl ? `, reviews at ${organisation.reviewUrl}` : ''})` : userName)
      return 0
    })
  }
})

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol
  } catch {
    return ''
  }
}
