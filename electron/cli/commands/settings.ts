import { defineCommand } from '../command'
import { archiveOption, withArchive } from '../archive-option'
import { callContract } from '../contract-call'
import { writeJson, writeLine } from '../io'
import { getOrganisation, getUserName, setSetting } from '../../core/archive/settings'
import { AttestError } from '../../../shared/errors'

export const whoamiCommand = defineCommand({
  name: 'whoami',
  usage: 'attest whoami --archive A [--set NAME] [--org NAME] [--review-url URL] [--json]',
  summary: 'the name recorded as "who" in provenance (default: the OS user); --set changes it for this archive; --org / --review-url name the organisation that publishes ClaimReviews and where',
  options: { ...archiveOption, set: { type: 'string' }, org: { type: 'string' }, 'review-url': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const reviewUrl = values['review-url']?.trim()
    if (reviewUrl !== undefined && !/^https?:$/.test(safeProtocol(reviewUrl))) {
      throw new AttestError('USAGE', `--review-url must be an http(s) address where the reviews are published (got "${reviewUrl}").`)
    }
    return withArchive(io, values, {}, async (db) => {
      // The name goes through the contract (setUserName), as the desktop sets it; the organisation has no operation there yet.
      if (values.set !== undefined) await callContract(db, 'setUserName', { name: values.set })
      const org = values.org?.trim()
      if (org) setSetting(db, 'org.name', org)
      if (reviewUrl) setSetting(db, 'org.reviewUrl', reviewUrl)
      const userName = getUserName(db)
      const organisation = getOrganisation(db)
      // CLI-only shape: the contract's { userName } plus the organisation ClaimReviews are published under.
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
