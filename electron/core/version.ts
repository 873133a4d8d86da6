// The version lives in one place, package.json (electron-builder names the
// installers from it too); everything that writes it into a record reads it here.
import { version } from '../../package.json'

export const ATTEST_VERSION: string = version

/** How Attest names itself in what it writes: Bag-Software-Agent, WARC-Software, the WACZ `software`. */
export const SOFTWARE_AGENT = `Attest/${ATTEST_VERSION}`
