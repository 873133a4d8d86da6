/**
 * The charset an HTML file declares for itself in its first bytes
 * (`<meta charset>`, `<meta http-equiv="Content-Type" content="…; charset=…">`
 * or an XML prolog), lowercase, or undefined. Browsers look at 1024 bytes; we
 * look a little further because saved pages often put a long comment first.
 */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps every byte to one character: ASCII markup reads correctly
  // whatever the real encoding is.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096)).replace(/<!--[\s\S]*?-->/g, '')
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)
  let label = xml?.[1]
  if (!label) {
    for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
      const tag = meta[0]
      const direct = /\bcharset\s*=\s*["']?\s*([^"'\s;/>]+)/i.exec(tag)
      if (direct && !/\bcontent\s*=/i.test(tag.slice(0, direct.index))) {
        label = direct[1]
        break
      }
      if (/\bhttp-equiv\s*=\s*["']?\s*content-type/i.test(tag)) {
        const content = /\bcontent\s*=\s*(["'])(.*?)\1/i.exec(tag)?.[2] ?? /\bcontent\s*=\s*([^\s>]+)/i.exec(tag)?.[1]
        const inContent = content && /charset\s*=\s*["']?\s*([^"'\s;]+)/i.exec(content)
        if (inContent) {
          label = inContent[1]
          break
        }
      }
    }
  }
  if (!label) return undefined
  const lower = label.trim().toLowerCase()
  // A declaration readable as ASCII cannot be true of UTF-16 bytes; the HTML
  // standard says to read such pages as UTF-8.
  if (lower === 'utf-16' || lower === 'utf-16le' || lower === 'utf-16be') return 'utf-8'
  return lower || undefined
}
