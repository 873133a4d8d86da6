import type { Command } from './command'

/**
 * One sub-command as `attest --help` lists it, and how to load its code.
 * Commands are loaded only when they run: `attest --help`, a usage error or
 * a read command then loads none of the core the other commands need (jsdom,
 * playwright-core, pg, citation-js…), which cost every `attest` process
 * about a second of CPU before it did anything (issue #15). The summary
 * repeats the command's own; tests/electron/cli/cli-startup.test.ts fails
 * when they drift apart or a command is missing here.
 */
export interface CommandEntry {
  name: string
  summary: string
  load: () => Promise<Command>
}

// Each command's options are typed from its own declaration; here they are all the plain Command.
const loaded = <C>(command: C): Command => command as unknown as Command

export const COMMAND_TABLE: readonly CommandEntry[] = [
  { name: 'segment', summary: 'split text into sentences (offsets in code points)', load: async () => loaded((await import('./commands/segment')).segmentCommand) },
  { name: 'import', summary: 'archive a .txt, .md, .html or .pdf file as a snapshot (--report: as a report to review)', load: async () => loaded((await import('./commands/import')).importCommand) },
  { name: 'import-case', summary: 'import a case folder (case.json, its report and sources), checking every hash', load: async () => loaded((await import('./commands/import')).importCaseCommand) },
  { name: 'sources', summary: 'list sources with their external ids, capture state and snapshots', load: async () => loaded((await import('./commands/inspect')).sourcesCommand) },
  { name: 'snapshot', summary: 'show one snapshot: hashes, capture provenance, extracted text and page map', load: async () => loaded((await import('./commands/inspect')).snapshotCommand) },
  { name: 'sentences', summary: 'list a report\'s sentences with their stable ids and offsets', load: async () => loaded((await import('./commands/inspect')).sentencesCommand) },
  { name: 'log', summary: 'the hash-chained event log: who changed what, when', load: async () => loaded((await import('./commands/inspect')).logCommand) },
  { name: 'check-integrity', summary: 'SQLite integrity check, every blob re-hashed, the event chain verified, links and reviews replayed from it (exit 1 on any problem)', load: async () => loaded((await import('./commands/inspect')).checkIntegrityCommand) },
  { name: 'recover', summary: 'copy what can still be read from a damaged archive into a new one, and say what was lost (exit 1 if anything was)', load: async () => loaded((await import('./commands/recover')).recoverCommand) },
  { name: 'link', summary: 'link a report sentence to the exact passage TEXT of a source', load: async () => loaded((await import('./commands/linking')).linkCommand) },
  { name: 'links', summary: 'list a report\'s links with their provenance', load: async () => loaded((await import('./commands/linking')).linksCommand) },
  { name: 'unlink', summary: 'remove a link from the review (kept on record with who, when and why)', load: async () => loaded((await import('./commands/linking')).unlinkCommand) },
  { name: 'status', summary: 'set a sentence\'s review status and note', load: async () => loaded((await import('./commands/linking')).statusCommand) },
  { name: 'check', summary: 'check quotes, numbers and attributions of every sentence (exit 1 when a quote or number does not hold)', load: async () => loaded((await import('./commands/linking')).checkCommand) },
  { name: 'export', summary: 'export a report, its evidence and history as a verifiable BagIt bundle (--wacz: also its web captures as WACZ 1.1.1, for ReplayWeb.page)', load: async () => loaded((await import('./commands/bundle')).exportCommand) },
  { name: 'verify', summary: 'verify a bundle: fixity, signature (against the archive\'s trusted keys), re-extracted texts, anchoring, W3C rules, event chain (exit 1 if invalid)', load: async () => loaded((await import('./commands/bundle')).verifyCommand) },
  { name: 'import-bundle', summary: 'verify a colleague\'s bundle, then import its evidence, report, links, reviews and history (an unknown or missing signer is said and logged)', load: async () => loaded((await import('./commands/bundle')).importBundleCommand) },
  { name: 'keygen', summary: 'create an Ed25519 signing key (KEYFILE, private, mode 0600) and KEYFILE.pub', load: async () => loaded((await import('./commands/bundle')).keygenCommand) },
  { name: 'trust', summary: 'the signing keys this archive trusts: bundles they signed are reported by name, any other key as unknown', load: async () => loaded((await import('./commands/bundle')).trustCommand) },
  { name: 'search', summary: 'full-text search over every archived passage (words are all required; "quoted phrases" match exactly)', load: async () => loaded((await import('./commands/search')).searchCommand) },
  { name: 'suggest', summary: 'for each sentence of a report, the archived passages most likely to be its evidence, with reasons', load: async () => loaded((await import('./commands/search')).suggestCommand) },
  { name: 'serve', summary: 'open the workbench in your browser, served from this computer only (127.0.0.1)', load: async () => loaded((await import('./commands/serve')).serveCommand) },
  { name: 'whoami', summary: 'the name recorded as "who" in provenance (default: the OS user); --set changes it for this archive; --org / --review-url name the organisation that publishes ClaimReviews and where', load: async () => loaded((await import('./commands/settings')).whoamiCommand) },
  { name: 'capture', summary: 'capture a web page with a browser (WARC of every exchange, screenshot, rendered text); again = a new snapshot of the same source', load: async () => loaded((await import('./commands/capture')).captureCommand) },
  { name: 'captures', summary: 'list web captures per source, and links whose passage changed since they were linked', load: async () => loaded((await import('./commands/capture')).capturesCommand) },
  { name: 'diff', summary: 'word-level changes between two snapshots\' texts (code-point offsets), and how links on A fare in B', load: async () => loaded((await import('./commands/capture')).diffCommand) },
  { name: 'import-warc', summary: 'import the HTML pages of a web archive made by another tool, one snapshot per page', load: async () => loaded((await import('./commands/capture')).importWarcCommand) },
  { name: 'cite', summary: 'the sources a report links to, as a formatted list (APA, Chicago) or CSL-JSON, BibTeX or RIS for a reference manager', load: async () => loaded((await import('./commands/cite')).citeCommand) },
  { name: 'import-refs', summary: 'archive a reference manager export: each item a source with its metadata, each attached file a snapshot', load: async () => loaded((await import('./commands/cite')).importRefsCommand) },
  { name: 'tag', summary: 'add free-text tags to a sentence or a source (--remove takes them off; no LABEL lists them)', load: async () => loaded((await import('./commands/notes')).tagCommand) },
  { name: 'tags', summary: 'the archive\'s tags with how many sentences and sources carry each; with --report, each tagged sentence (--tag: only those with it)', load: async () => loaded((await import('./commands/notes')).tagsCommand) },
  { name: 'comment', summary: 'add a free comment to a sentence or a source (a source note); --edit writes a new version, --remove takes it off (both logged)', load: async () => loaded((await import('./commands/notes')).commentCommand) },
  { name: 'comments', summary: 'a sentence\'s or a source\'s comments, oldest first, with who and when', load: async () => loaded((await import('./commands/notes')).commentsCommand) },
  { name: 'hub', summary: 'set up and look after a team hub on PostgreSQL: init, add-member, share-case, unshare-case, status, check (exit 1 naming each problem)', load: async () => loaded((await import('./commands/hub')).hubCommand) },
  { name: 'sync', summary: 'push this archive\'s new events and blobs to the team hub, then pull and apply everyone else\'s (resumable; --hub is remembered)', load: async () => loaded((await import('./commands/sync')).syncCommand) },
  { name: 'disputes', summary: 'sentences whose reviews disagree (made apart and synced), with who said what and when; reviewing the sentence again resolves one', load: async () => loaded((await import('./commands/sync')).disputesCommand) },
  { name: 'sign-off', summary: 'an editor approves another person\'s verdict on a sentence (INDEX from 0); --rule turns the team\'s sign-off rule on or off', load: async () => loaded((await import('./commands/sync')).signOffCommand) },
  { name: 'sign-offs', summary: 'supported and contradicted verdicts with their editor sign-off, or WAITING (the sign-off queue)', load: async () => loaded((await import('./commands/sync')).signOffsCommand) },
]
