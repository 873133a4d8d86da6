// The original page markup, made inert: no scripts, no styles, no forms or
// frames, and no URL that could make the app reach the network or navigate.
// Only data: URLs survive (embedded images captured with the page).
import DOMPurify from 'dompurify'

const URL_ATTRS = new Set(['src', 'href', 'srcset', 'xlink:href', 'action', 'formaction', 'poster', 'background', 'cite', 'longdesc', 'ping'])

export function sanitizeSnapshotHtml(html: string, win: Window & typeof globalThis = window): string {
  // A fresh instance per call: hooks are instance state, and none may leak.
  const purify = DOMPurify(win)
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase()
    if (URL_ATTRS.has(name) && !/^\s*data:/i.test(data.attrValue)) data.keepAttr = false
    if (name === 'srcset') data.keepAttr = false
  })
  return purify.sanitize(html, {
    FORBID_TAGS: ['style', 'link', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'script', 'video', 'audio', 'source', 'track', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'ping', 'target'],
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false
  })
}
