// A separate process that pushes one long chain in one pushEvents call, for
// the kill -9 test. Bundled by the test; runs only with ATTEST_PUSH_CHILD=1.
import { GENESIS_HASH, hashEvent, type ArchiveEvent } from '../../../../electron/core/archive/events'
import { openHub } from '../../../../electron/core/hub/hub'

/** The same chain on every call with the same arguments (so parent and child agree on hashes). */
export function syntheticChain(count: number, actor: string): ArchiveEvent[] {
  const out: ArchiveEvent[] = []
  let prevHash = GENESIS_HASH
  for (let seq = 1; seq <= count; seq++) {
    const base = { seq, at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), actor, action: 'note.added', subject: `note:${seq}`, data: { text: `note ${seq}` }, prevHash }
    const e = { ...base, hash: hashEvent(base) }
    out.push(e)
    prevHash = e.hash
  }
  return out
}

async function main(): Promise<void> {
  const [url, archiveId, count] = process.argv.slice(2)
  if (!url || !archiveId || !count) throw new Error('usage: push-child URL ARCHIVE-ID COUNT')
  const hub = await openHub(url)
  await hub.pushEvents(archiveId, syntheticChain(Number(count), 'kim'))
  await hub.close()
  process.stdout.write('pushed\n')
}

if (process.env.ATTEST_PUSH_CHILD === '1') {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`)
    process.exitCode = 2
  })
}
