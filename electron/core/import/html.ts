// Main text of an archived web page, as plain text that keeps its structure.
//
// The HTML is untrusted (anything a fact-checker saved from the web), so it is
// only ever PARSED: jsdom runs no scripts unless `runScripts` is set and loads
// no subresources (scripts, styles, images, frames) unless `resources` is set;
// we set neither. We also delete every element that could execute or embed
// something before Readability sees the document (our own walker skips them
// anyway), so nothing we call later can be tricked into acting on them. Very
// deep nesting is capped before parsing (see capNesting).
//
// Text rules (offsets are measured over the result, so they are fixed here):
// - Each block (heading, paragraph, list item, quote, pre, table row, dt/dd,
//   figcaption, a div's own text, …) is one entry in `blocks`; blocks are
//   joined with a single "\n". A block can itself contain "\n" (from <br>, or
//   inside <pre>), so use `blocks` rather than splitting on newlines.
// - Inline whitespace collapses to one space and each block is trimmed, as a
//   browser renders it; <pre> keeps its whitespace verbatim.
// - U+00A0 (&nbsp;) becomes an ordinary space and collapses like one, so a
//   quote typed with normal spaces still matches.
// - Table cells within a row are separated by one tab.
// - If Readability drops the page's <h1> because it repeats the title, we do
//   not put it back: `title` is returned separately, and the text contains only
//   what was in the extracted content.

import { JSDOM, VirtualConsole } from 'jsdom'
import { Readability, isProbablyReaderable } from '@mozilla/readability'
import { codePointLength } from '../../../shared/text/code-points'

export type HtmlBlockKind = 'heading' | 'paragraph' | 'list-item' | 'quote' | 'pre' | 'table-row'

export interface HtmlBlock {
  kind: HtmlBlockKind
  /** Heading level 1–6, only for headings. */
  level?: number
  /** Offsets in Unicode code points into `text`; end is exclusive. */
  start: number
  end: number
}

export interface ExtractedHtml {
  text: string
  title: string | null
  byline: string | null
  siteName: string | null
  publishedTime: string | null
  lang: string | null
  method: string
  warnings: string[]
  blocks: HtmlBlock[]
}

const METHOD = 'jsdom 26 + @mozilla/readability 0.6 (no scripts run)'
const METHOD_BODY_FALLBACK = 'jsdom 26 + @mozilla/readability 0.6 (no scripts run), body fallback'

// Readability's own notion of "long enough to be an article". Shorter results
// come from pages with only a few paragraphs, where its pruning tends to throw
// away real content; the whole body is the safer text then.
const MIN_ARTICLE_CODE_POINTS = 500

// Readability scores every element several times over; beyond this many
// elements it would take too long, and the page is hardly an article anyway.
const MAX_ELEMENTS_FOR_READABILITY = 100_000

// Tags nested deeper than this in the source are dropped (see capNesting).
// Real pages stay well below it; Readability's cost grows faster than
// linearly with depth (about 1 s at 200 levels, 8 s at 500).
const MAX_DEPTH = 200
// A DOM deeper than this (a page that fooled capNesting) skips Readability and
// jsdom's recursive node removal; only our iterative walk touches it.
const MAX_READABILITY_DEPTH = 256

// Elements that run, embed or fetch something, or hold no visible text. Only
// JSON-LD survives: it is inert data that Readability reads for byline/date.
const DANGEROUS_SELECTOR = [
  'script:not([type="application/ld+json" i])',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'link',
  'meta[http-equiv]',
  'base'
].join(',')

// Never part of the text, even where nothing else removed them.
const SKIPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'head', 'title', 'meta', 'link', 'base', 'svg', 'math', 'canvas', 'audio', 'video', 'picture', 'img',
  'select', 'textarea', 'input', 'button'
])

// Elements after which a browser starts a new line.
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul'
])

export function extractHtml(html: string, options?: { url?: string }): ExtractedHtml {
  const warnings: string[] = []
  const nesting = capNesting(html, MAX_DEPTH)
  if (nesting.capped) {
    warnings.push(`the page nests tags more than ${MAX_DEPTH} levels deep; the deeper tags were dropped, their text kept`)
  }
  let doc = parseInert(nesting.html, options?.url)
  const tooDeep = maxDepth(doc) > MAX_READABILITY_DEPTH
  if (tooDeep) warnings.push('the page is nested too deeply for main-text extraction; used the whole page body')
  else disarm(doc)

  // Readability rewrites the document it is given. It used to get a copy,
  // which doubled the memory of the largest thing we hold; now everything
  // read from the page as it is comes first, and the body fallback parses
  // the page again (rarely: only when the article is short).
  const page = { title: doc.title, lang: doc.documentElement?.getAttribute('lang')?.trim(), readerable: !tooDeep && readerable(doc) }
  const article = tooDeep ? null : runReadability(doc, warnings)
  const articleText = article?.content ? toStructuredText(article.content) : undefined
  const articleLength = articleText ? codePointLength(articleText.text) : 0

  // The body is only walked when Readability's result might be too short.
  let chosen: StructuredText
  let method = METHOD
  if (articleText && articleLength >= MIN_ARTICLE_CODE_POINTS) {
    chosen = articleText
    // isProbablyReaderable is only a hint: it never overrides Readability, it
    // just tells the fact-checker to look at what was kept.
    if (!page.readerable) {
      warnings.push('the page does not look like an article; main-text extraction may have left out content')
    }
  } else {
    // Too short to be an article by Readability's own measure: take the whole
    // body, untouched by Readability's pruning and rewriting.
    if (!tooDeep) {
      doc = parseInert(nesting.html, options?.url)
      disarm(doc)
    }
    const bodyText = doc.body ? toStructuredText(doc.body) : { text: '', blocks: [] }
    if (articleText && !bodyText.text) {
      chosen = articleText
    } else {
      chosen = bodyText
      method = METHOD_BODY_FALLBACK
      if (articleText && codePointLength(bodyText.text) > articleLength) {
        warnings.push('main-text extraction found too little text; kept the whole page body (it may include menus or footers)')
      }
    }
  }

  if (!chosen.text) warnings.push('no text found in the HTML')

  return {
    text: chosen.text,
    title: nonEmpty(article?.title) ?? nonEmpty(page.title),
    byline: nonEmpty(article?.byline),
    siteName: nonEmpty(article?.siteName),
    publishedTime: nonEmpty(article?.publishedTime),
    lang: nonEmpty(article?.lang) ?? nonEmpty(page.lang),
    method,
    warnings,
    blocks: chosen.blocks
  }
}

/**
 * The whole body as structured text, with no main-text pruning: for HTML that
 * is all content (a Word document converted by mammoth, an e-mail body), where
 * Readability would only risk dropping real text. Same inert parsing and the
 * same text rules as extractHtml.
 */
export function extractHtmlBody(html: string): { text: string; blocks: HtmlBlock[]; warnings: string[] } {
  const warnings: string[] = []
  const nesting = capNesting(html, MAX_DEPTH)
  if (nesting.capped) warnings.push(`the HTML nests tags more than ${MAX_DEPTH} levels deep; the deeper tags were dropped, their text kept`)
  const doc = parseInert(nesting.html, undefined)
  // Removing elements recurses in jsdom; the walk below skips them anyway.
  if (maxDepth(doc) <= MAX_READABILITY_DEPTH) disarm(doc)
  const body = doc.body ? toStructuredText(doc.body) : { text: '', blocks: [] }
  return { ...body, warnings }
}

// In a module of its own, without jsdom: the importing thread sniffs, the HTML worker parses.
export { sniffHtmlCharset } from './html-charset'

function parseInert(html: string, url: string | undefined): Document {
  const options: ConstructorParameters<typeof JSDOM>[1] = {
    // A detached console: messages from the page or jsdom's CSS parser are noise here.
    virtualConsole: new VirtualConsole()
    // runScripts and resources deliberately unset: no script runs, nothing is fetched.
  }
  const base = httpUrl(url)
  if (base) options.url = base
  return new JSDOM(html, options).window.document
}

function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined
  } catch {
    return undefined
  }
}

function disarm(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll(DANGEROUS_SELECTOR))) el.remove()
}

// Depth of the deepest element, measured without recursion.
function maxDepth(doc: Document): number {
  const root = doc.documentElement
  if (!root) return 0
  let max = 0
  const stack: Array<[Element, number]> = [[root, 1]]
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!
    if (depth > max) max = depth
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) stack.push([c, depth + 1])
  }
  return max
}

// ---------------------------------------------------------------------------
// Nesting cap, applied to the HTML source before jsdom sees it.
//
// jsdom's tree building costs O(depth) per inserted node (10,000 nested <div>s
// take ~17 s to parse), and jsdom and Readability recurse over the tree. So
// tags nested deeper than MAX_DEPTH are dropped from the source, keeping their
// text: block tags become <br> so lines stay apart, inline tags vanish.
//
// The nesting is estimated with a light tag scanner, not a full HTML parser.
// It errs towards UNDER-counting (elements with optional end tags such as <p>
// and <li> are not counted as nesting), so real pages are left untouched; a
// hostile page that fools it is still parsed correctly, only slowly, and the
// DOM depth check in extractHtml keeps the recursive code away from it.

const VOID_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'
])
const OPTIONAL_END_TAGS = new Set([
  'html', 'head', 'body', 'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot',
  'colgroup', 'caption', 'rb', 'rt', 'rtc', 'rp'
])
// Their content is text to the HTML parser, not tags.
const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript'])

function capNesting(html: string, cap: number): { html: string; capped: boolean } {
  // `[^<>]*` keeps a stray "<" from scanning far ahead: the scan stays linear.
  const token = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>/g
  const open: Array<{ name: string; dropped: boolean }> = []
  const out: string[] = []
  let copiedUpTo = 0
  let lastWasBreak = false
  const replace = (from: number, to: number, by: string): void => {
    const between = html.slice(copiedUpTo, from)
    // One <br> per run of dropped block tags: thousands of consecutive <br>s
    // are slow for Readability and say nothing more than one.
    if (by === '<br>' && lastWasBreak && between.trim() === '') by = ''
    else if (between.trim() !== '') lastWasBreak = false
    if (by === '<br>') lastWasBreak = true
    out.push(between, by)
    copiedUpTo = to
  }
  for (let m = token.exec(html); m; m = token.exec(html)) {
    if (m[2] === undefined) continue // comment
    const name = m[2].toLowerCase()
    const isEnd = m[1] === '/'
    if (isEnd) {
      const at = open.findLastIndex((o) => o.name === name)
      if (at < 0) continue
      const closed = open[at]! // found just above
      open.length = at
      if (closed.dropped) replace(m.index, token.lastIndex, BLOCK_TAGS.has(name) ? '<br>' : '')
      continue
    }
    if (name === 'plaintext') break // everything after it is text
    if (RAW_TEXT_TAGS.has(name)) {
      const close = new RegExp(`</${name}[\\s/>]`, 'ig')
      close.lastIndex = token.lastIndex
      const found = close.exec(html)
      if (!found) break
      token.lastIndex = found.index
      continue
    }
    if (VOID_TAGS.has(name) || OPTIONAL_END_TAGS.has(name)) continue
    const dropped = open.length >= cap
    open.push({ name, dropped })
    if (dropped) replace(m.index, token.lastIndex, BLOCK_TAGS.has(name) ? '<br>' : '')
  }
  if (out.length === 0) return { html, capped: false }
  out.push(html.slice(copiedUpTo))
  return { html: out.join(''), capped: true }
}

// Set on every heading before Readability works on the page (see runReadability).
const LEVEL_ATTRIBUTE = 'data-attest-heading-level'

type ReadabilityResult = NonNullable<ReturnType<Readability<Element>['parse']>>

// Readability changes `doc`: read nothing else from it afterwards.
function runReadability(doc: Document, warnings: string[]): ReadabilityResult | null {
  try {
    // Readability rewrites <h1> as <h2>; it copies attributes when it does,
    // so a mark made now lets the text keep the page's real heading levels.
    for (const h of Array.from(doc.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
      h.setAttribute(LEVEL_ATTRIBUTE, h.localName.charAt(1))
    }
    // serializer: keep the content as a DOM element; we build text from its structure.
    const reader = new Readability<Element>(doc, {
      maxElemsToParse: MAX_ELEMENTS_FOR_READABILITY,
      serializer: (node) => node as Element
    })
    return reader.parse()
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    warnings.push(`main-text extraction failed (${message}); used the whole page body instead`)
    return null
  }
}

function readerable(doc: Document): boolean {
  try {
    return isProbablyReaderable(doc)
  } catch {
    return false
  }
}

function nonEmpty(s: string | null | undefined): string | null {
  const t = s?.trim()
  return t ? t : null
}

// ---------------------------------------------------------------------------
// DOM → structured text

type Piece = { t: 'text'; s: string } | { t: 'pre'; s: string } | { t: 'br' } | { t: 'cell' }

interface Context {
  kind: HtmlBlockKind
  level?: number
}

interface StructuredText {
  text: string
  blocks: HtmlBlock[]
}

function toStructuredText(root: Element): StructuredText {
  const lines: Array<{ text: string } & Context> = []
  let pieces: Piece[] = []
  // The kind-bearing elements currently open, innermost last.
  const open: Array<Context & { el: Element }> = []
  let preDepth = 0

  const flush = (): void => {
    const text = joinPieces(pieces, preDepth > 0)
    pieces = []
    if (text) lines.push({ text, ...blockKind(open) })
  }

  // Iterative pre-order walk with explicit exit events (no recursion: pages
  // can be deep).
  type Step = { node: Node; exit: boolean }
  const stack: Step[] = [{ node: root, exit: false }]
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!
    if (node.nodeType === 3) {
      const s = node.nodeValue ?? ''
      if (s) pieces.push(preDepth > 0 ? { t: 'pre', s } : { t: 'text', s })
      continue
    }
    if (node.nodeType !== 1) continue
    const el = node as Element
    const tag = el.localName
    if (exit) {
      if (BLOCK_TAGS.has(tag)) flush()
      if (open.length > 0 && open.at(-1)?.el === el) open.pop()
      if (tag === 'pre') preDepth--
      continue
    }
    if (SKIPPED_TAGS.has(tag) || isHidden(el)) continue
    if (tag === 'br') {
      pieces.push({ t: 'br' })
      continue
    }
    if (tag === 'td' || tag === 'th') pieces.push({ t: 'cell' })
    if (BLOCK_TAGS.has(tag)) flush()
    const ctx = contextOf(el, tag)
    if (ctx) open.push({ ...ctx, el })
    if (tag === 'pre') preDepth++
    stack.push({ node: el, exit: true })
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push({ node: c, exit: false })
  }
  flush()

  const blocks: HtmlBlock[] = []
  let offset = 0
  for (const line of lines) {
    const length = codePointLength(line.text)
    const block: HtmlBlock = { kind: line.kind, start: offset, end: offset + length }
    if (line.level !== undefined) block.level = line.level
    blocks.push(block)
    offset += length + 1 // the "\n" between blocks
  }
  return { text: lines.map((l) => l.text).join('\n'), blocks }
}

function contextOf(el: Element, tag: string): Context | undefined {
  if (/^h[1-6]$/.test(tag)) {
    const marked = Number(el.getAttribute(LEVEL_ATTRIBUTE))
    return { kind: 'heading', level: marked >= 1 && marked <= 6 ? marked : Number(tag[1]) }
  }
  if (tag === 'pre') return { kind: 'pre' }
  if (tag === 'blockquote') return { kind: 'quote' }
  if (tag === 'li') return { kind: 'list-item' }
  if (tag === 'tr') return { kind: 'table-row' }
  return undefined
}

// The innermost kind-bearing element decides; text outside all of them (p,
// div, dd, figcaption, …) is a paragraph. So <li><p>x</p></li> is a list item
// and <blockquote><p>x</p></blockquote> a quote: the <p> only adds a line break.
function blockKind(open: Context[]): Context {
  const inner = open[open.length - 1]
  if (!inner) return { kind: 'paragraph' }
  return inner.level !== undefined ? { kind: inner.kind, level: inner.level } : { kind: inner.kind }
}

// Matches what Readability treats as invisible, so the body fallback does not
// surface text the reader never saw.
function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true
  const style = el.getAttribute('style')
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)
}

const COLLAPSIBLE = /[ \t\n\r\f\u00a0]+/g

// Builds the block from parts and remembers only its last character: asking
// a growing string whether it ends with something flattens it each time, which
// made one block of many inline pieces (text with <br>s or <b>s and no <p>)
// quadratic — 16 s for 1 MB.
function joinPieces(pieces: Piece[], inPre: boolean): string {
  const parts: string[] = []
  let last: string | undefined = '' // the last character written, '' while nothing is
  let pendingSpace = false
  const write = (s: string): void => {
    parts.push(s)
    last = s.at(-1)
  }
  const atLineStart = (): boolean => last === '' || last === '\n' || last === '\t'
  for (const p of pieces) {
    if (p.t === 'br') {
      write('\n')
      pendingSpace = false
    } else if (p.t === 'cell') {
      if (last !== '' && last !== '\n') write('\t')
      pendingSpace = false
    } else if (p.t === 'pre') {
      if (pendingSpace && !atLineStart()) write(' ')
      if (p.s) write(p.s)
      pendingSpace = false
    } else {
      const collapsed = p.s.replace(COLLAPSIBLE, ' ')
      const core = collapsed.trim()
      if (collapsed.startsWith(' ')) pendingSpace = true
      if (core) {
        if (pendingSpace && !atLineStart() && last !== ' ') write(' ')
        write(core)
        pendingSpace = collapsed.endsWith(' ')
      }
    }
  }
  const out = parts.join('')
  return inPre ? trimChars(out, '\n') : trimLines(out)
}

// The trimming is done by scanning, not by regular expressions such as
// /[ \t]+$/, which backtrack over every long run of blanks that does not end
// the text (a row of 100,000 empty cells, thousands of <br>s).

// Spaces and tabs around each line break dropped, then blank lines at either end.
function trimLines(s: string): string {
  if (!/[ \t]\n|\n[ \t]/.test(s)) return trimChars(s, ' \t\n')
  const lines = s.split('\n')
  const trimmed = lines.map((line, i) => trimChars(line, ' \t', i > 0, i < lines.length - 1))
  return trimChars(trimmed.join('\n'), ' \t\n')
}

function trimChars(s: string, chars: string, start = true, end = true): string {
  let from = 0
  let to = s.length
  if (start) while (from < to && chars.includes(s.charAt(from))) from++
  if (end) while (to > from && chars.includes(s.charAt(to - 1))) to--
  return from === 0 && to === s.length ? s : s.slice(from, to)
}
