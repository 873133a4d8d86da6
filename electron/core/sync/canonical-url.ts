// Two people archive the same page: is it the same source? Their URLs often
// differ only in ways that do not change what the server returns: letter
// case of scheme and host, a default port, a fragment, tracking parameters,
// parameter order, a trailing slash. The canonical form removes exactly
// those; anything else (path case, other parameters) stays significant.

const TRACKING = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$/i

/** The comparable form of a web address, or null when it is not an http(s) URL. */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw) return null
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  url.hash = ''
  const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  url.search = new URLSearchParams(params).toString()
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '/'
  // http and https of one host are the same document for a fact-checker's purposes.
  return `${url.hostname.toLowerCase()}${url.port ? `:${url.port}` : ''}${path}${url.search}`
}
