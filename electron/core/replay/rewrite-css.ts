// URLs inside archived CSS (url(…) and @import "…") pointed back into the
// replay, so a stylesheet's images and imports come from the capture too.

/** Maps an absolute http(s) URL to where the replay serves it. */
export type ToReplay = (absoluteUrl: string) => string

const CSS_URL = /url\(\s*(["']?)([^"')]*)\1\s*\)|@import\s+(["'])([^"']*)\3/gi

/** `toReplay` of `ref` resolved against `base`, for http(s) references; anything else (data:, #id, unparsable) as it was. */
export function replayRef(ref: string, base: string, toReplay: ToReplay): string {
  const trimmed = ref.trim()
  if (!trimmed || trimmed.startsWith('#')) return ref
  let resolved: URL
  try {
    resolved = new URL(trimmed, base)
  } catch {
    return ref
  }
  return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? toReplay(resolved.href) : ref
}

export function rewriteCss(css: string, base: string, toReplay: ToReplay): string {
  return css.replace(CSS_URL, (whole, q1: string | undefined, u1: string | undefined, q3: string | undefined, u3: string | undefined) => {
    if (u1 !== undefined) return `url(${q1}${replayRef(u1, base, toReplay)}${q1})`
    if (u3 !== undefined) return `@import ${q3}${replayRef(u3, base, toReplay)}${q3}`
    return whole
  })
}
