import { describeHostileWebArchives } from './hostile-web-archives'

// Every hostile web archive of hostile-web-archives.ts against the real
// `attest` process (the default run takes one case of each kind).
describeHostileWebArchives('all')
