// An archived HTML page made to load from the capture: every URL the markup
// names (src, href, srcset, poster, inline styles, <style>, …) is resolved
// against the page's own address (or its <base href>) and pointed into the
// replay. Scripts that build URLs at run time are not rewritten; what they
// ask for misses the replay or is refused by its CSP, never the network.

import { parse, serialize } from 'parse5'
import type { DefaultTreeAdapterMap } from 'parse5'
import { replayRef, rewriteCss, type ToReplay } from './rewrite-css'

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']

const URL_ATTRIBUTES = new Set(['src', 'href', 'poster', 'action', 'formaction', 'background', 'data', 'cite', 'longdesc', 'xlink:href'])
const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset'])

function isElement(node: Node): node is Element {
  return 'attrs' in node
}

function* walk(node: Node): Generator<Node> {
  yield node
  const children = 'childNodes' in node ? node.childNodes : []
  for (const child of children) yield* walk(child)
  if (isElement(node) && node.nodeName === 'template') yield* walk((node as DefaultTreeAdapterMap['template']).content)
}

/** The page's <base href>, resolved against its address (the first one counts, as in browsers). */
function baseOf(doc: Node, pageUrl: string): string {
  for (const node of walk(doc)) {
    if (isElement(node) && node.nodeName === 'base') {
      const href = node.attrs.find((a) => a.name === 'href')?.value
      if (href) {
        try {
          return new URL(href, pageUrl).href
        } catch {
          return pageUrl
        }
      }
    }
  }
  return pageUrl
}

function rewriteSrcset(value: string, base: string, toReplay: ToReplay): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url, ...descriptors] = candidate.trim().split(/\s+/)
      return url ? [replayRef(url, base, toReplay), ...descriptors].join(' ') : candidate
    })
    .join(', ')
}

function rewriteElement(el: Element, base: string, toReplay: ToReplay): void {
  // Subresource integrity would refuse a stylesheet whose URLs were rewritten.
  el.attrs = el.attrs.filter((a) => a.name !== 'integrity')
  for (const attr of el.attrs) {
    if (URL_ATTRIBUTES.has(attr.name)) attr.value = replayRef(attr.value, base, toReplay)
    else if (SRCSET_ATTRIBUTES.has(attr.name)) attr.value = rewriteSrcset(attr.value, base, toReplay)
    else if (attr.name === 'style') attr.value = rewriteCss(attr.value, base, toReplay)
  }
  if (el.nodeName === 'meta') rewriteRefresh(el, base, toReplay)
  if (el.nodeName === 'style') {
    for (const child of el.childNodes) if (child.nodeName === '#text') (child as DefaultTreeAdapterMap['textNode']).value = rewriteCss((child as DefaultTreeAdapterMap['textNode']).value, base, toReplay)
  }
}

// <meta http-equiv="refresh" content="5; url=next.html"> moves the page on its own.
function rewriteRefresh(el: Element, base: string, toReplay: ToReplay): void {
  if (el.attrs.find((a) => a.name === 'http-equiv')?.value.toLowerCase() !== 'refresh') return
  const content = el.attrs.find((a) => a.name === 'content')
  const m = content && /^(\s*[\d.]+\s*[;,]\s*(?:url\s*=\s*)?)(["']?)([^"']*)\2\s*$/i.exec(content.value)
  if (content && m && m[3]) content.value = `${m[1]}${m[2]}${replayRef(m[3], base, toReplay)}${m[2]}`
}

export function rewriteHtml(html: string, pageUrl: string, toReplay: ToReplay): string {
  const doc = parse(html)
  const base = baseOf(doc, pageUrl)
  for (const node of walk(doc)) if (isElement(node)) rewriteElement(node, base, toReplay)
  return serialize(doc)
}
