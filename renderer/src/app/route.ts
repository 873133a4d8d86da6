// The screen lives in the URL hash so a reload (or a bookmark in the browser
// version) comes back to the same report and sentence. Sentences are numbered
// from 1 in the address, as on screen (`#/report/1/s/3` is "Sentence 3").
export type Route =
  | { screen: 'home' }
  /** `sentence` is the 0-based index; the address shows it from 1. */
  | { screen: 'report'; reportId: number; sentence: number }
  | { screen: 'source'; snapshotId: number; start?: number; end?: number }
  /** The team's open work: disputes and the sign-off queue. */
  | { screen: 'team' }

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean)
  const n = (i: number) => (parts[i] !== undefined && /^\d+$/.test(parts[i]) ? Number(parts[i]) : undefined)
  if (parts[0] === 'report' && n(1)) return { screen: 'report', reportId: n(1)!, sentence: parts[2] === 's' ? Math.max(0, (n(3) ?? 1) - 1) : 0 }
  if (parts[0] === 'source' && n(1)) return { screen: 'source', snapshotId: n(1)!, start: n(2), end: n(3) }
  if (parts[0] === 'team') return { screen: 'team' }
  return { screen: 'home' }
}

export function routeHash(r: Route): string {
  if (r.screen === 'report') return `#/report/${r.reportId}/s/${r.sentence + 1}`
  if (r.screen === 'source') return `#/source/${r.snapshotId}${r.start !== undefined && r.end !== undefined ? `/${r.start}/${r.end}` : ''}`
  if (r.screen === 'team') return '#/team'
  return '#/'
}
