import { describeLargeHtmlPages } from './large-html-pages'

// Large HTML pages through the real `attest` process: 1 MB and 5 MB pages
// imported within 512 MB and 60 s, and a 9 MB one, just past the 8 MB of markup
// the HTML worker takes, refused. The 40 MB refusals are in
// hostile-html.exhaustive.test.ts (CI runs it).
describeLargeHtmlPages({ imports: true, refusedMb: 9 })
