import { describeLargeHtmlPages } from './large-html-pages'

// A 40 MB HTML page, five times the markup the HTML worker takes, refused by
// the real `attest` process within 512 MB and 60 s, as a file and as the page
// of a WARC (the default run refuses a 9 MB one).
describeLargeHtmlPages({ imports: false, refusedMb: 40 })
