// The policy every replayed response carries. Archived pages are hostile
// input and must stay offline: everything may come only from the replay's own
// origin ('self'), so a resource the capture lacks fails instead of reaching
// the internet. `sandbox` keeps the page in an opaque origin even if opened
// outside the app's sandboxed frame; whether its scripts run is the frame's
// choice (the frame's sandbox attribute narrows this one).

export interface ReplayCspOptions {
  /** Who may frame the replay: the app's own origin. */
  frameAncestors: readonly string[]
}

export function replayCsp(options: ReplayCspOptions): string {
  return [
    'sandbox allow-scripts',
    "default-src 'self'",
    // Archived pages inline their scripts and styles; they still reach only 'self'.
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    "connect-src 'self'",
    "frame-src 'self'",
    "worker-src 'none'",
    "object-src 'none'",
    "form-action 'none'",
    `frame-ancestors ${options.frameAncestors.length ? options.frameAncestors.join(' ') : "'none'"}`
  ].join('; ')
}
