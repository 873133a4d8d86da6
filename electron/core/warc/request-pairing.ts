// Pairs each archived page (a response record) with the request record that
// asked for it while the records stream past, remembering only a window of
// records around each page. Crawlers write a request next to its response
// (before it or, like warcio and Browsertrix, after it); holding every request
// of a file to pair them would let a small file of millions of tiny records
// take gigabytes.

/** What pairing needs to know of a record; `index` is its position in the file. */
export interface RecordRef {
  id: string
  index: number
  contentLength: number
  targetUri: string | null
  date: string
  concurrentTo: string[]
}

/** A request further than this many records from its page is not looked for. */
export const PAIRING_WINDOW = 1000

interface Candidates {
  page: RecordRef
  // The rules in order of trust: the page names the request, the request names the page, same URL and date.
  named?: RecordRef
  naming?: RecordRef
  sameUrl?: RecordRef
}

export class RequestPairing {
  private readonly recent: RecordRef[] = []
  private readonly open: Candidates[] = []
  private readonly pages: Candidates[] = []

  /** Records must be added in file order. */
  addRequest(request: RecordRef): void {
    this.forgetBefore(request.index)
    for (const c of this.open) offer(c, request)
    this.recent.push(request)
  }

  addPage(page: RecordRef): void {
    this.forgetBefore(page.index)
    const c: Candidates = { page }
    for (const r of this.recent) offer(c, r)
    this.open.push(c)
    this.pages.push(c)
  }

  get pageCount(): number {
    return this.pages.length
  }

  /** Every page with the request it goes with (the first in the file by the most trusted rule), or null. */
  pairs(): Array<{ page: RecordRef; request: RecordRef | null }> {
    return this.pages.map((c) => ({ page: c.page, request: c.named ?? c.naming ?? c.sameUrl ?? null }))
  }

  private forgetBefore(index: number): void {
    const oldest = index - PAIRING_WINDOW
    while ((this.recent[0]?.index ?? oldest) < oldest) this.recent.shift()
    while ((this.open[0]?.page.index ?? oldest) < oldest) this.open.shift()
  }
}

function offer(c: Candidates, request: RecordRef): void {
  if (!c.named && c.page.concurrentTo.includes(request.id)) c.named = request
  if (!c.naming && request.concurrentTo.includes(c.page.id)) c.naming = request
  // Records without a URI or date match nothing by them.
  if (!c.sameUrl && c.page.targetUri && c.page.date && request.targetUri === c.page.targetUri && request.date === c.page.date) c.sameUrl = request
}
