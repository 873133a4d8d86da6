// The screen lives in the URL hash so a reload (or a bookmark in the browser
// version) comes back to the same report and sentence.
export type Route =
  | { screen: 'home' }
  | { screen: 'report'; reportId: number; sentence: number }
  | { screen: 'source'; snapshotId: number; start?: number; end?: number }

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean)
  const n = (i: number) => (parts[i] !== undefined && /^\d+$/.test(parts[i]) ? Number(parts[i]) : undefined)
  if (parts[0] === 'report' && n(1)) return { screen: 'report', reportId: n(1)!, sentence: parts[2] === 's' ? (n(3) ?? 0) : 0 }
  if (parts[0] === 'source' && n(1)) return { screen: 'source', snapshotId: n(1)!, start: n(2), end: n(3) }
  return { screen: 'home' }
}

export function routeHash(r: Route): string {
  if (r.screen === 'report') return `#/report/${r.reportId}/s/${r.sentence}`
  if (r.screen === 'source') return `#/source/${r.snapshotId}${r.start !== undefined && r.end !== undefined ? `/${r.start}/${r.end}` : ''}`
  return '#/'
}
