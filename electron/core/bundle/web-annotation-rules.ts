// The W3C Web Annotation Data Model's MUST assertions, checked at run time.
//
// The W3C test suite states them as JSON Schemas (annotationMusts.test and
// collectionMusts.test); the verifier cannot rely on that corpus being
// present, so the same assertions are written out here as plain checks. The
// tests hold these rules against the W3C schemas so the two cannot drift.
// Only what the model REQUIRES is checked: an annotation may use any feature
// (Choice, CssSelector, …) as long as each one it uses is well formed.

export interface RuleViolation {
  /** JSON path of the offending value, e.g. `first.items[3].body.selector[1]`. */
  at: string
  /** The W3C assertion (test file name without .json) that fails. */
  rule: string
  message: string
}

const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
const MOTIVATIONS = new Set(['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging'])
const TEXT_DIRECTIONS = new Set(['ltr', 'rtl', 'auto'])
// RFC 3339 date-time (JSON Schema's `format: date-time`): a time zone is required.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/
// RFC 3986 absolute URI: a scheme, then no white space, controls or characters URIs never contain raw.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\p{Cc}]*$/u

type Json = unknown
type Obj = Record<string, Json>

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isUri = (v: Json): boolean => typeof v === 'string' && URI.test(v)
const isDateTime = (v: Json): boolean => typeof v === 'string' && DATE_TIME.test(v) && !Number.isNaN(Date.parse(v))
const types = (v: Obj): string[] => (Array.isArray(v.type) ? v.type.filter((t): t is string => typeof t === 'string') : typeof v.type === 'string' ? [v.type] : [])
const many = (v: Json): Json[] => (Array.isArray(v) ? v : [v])

/** Checks one annotation; returns every violated MUST (empty when it conforms). */
export function checkAnnotation(a: Json, at = ''): RuleViolation[] {
  const out: RuleViolation[] = []
  const fail = (path: string, rule: string, message: string): void => {
    out.push({ at: join(at, path), rule, message })
  }
  if (!isObj(a)) {
    fail('', '3.1-annotationTypeValidated', 'an annotation must be a JSON object')
    return out
  }
  if (!hasContext(a['@context'])) fail('@context', '3.1-annotationContextValidated', `@context must be or contain "${ANNO_CONTEXT}"`)
  if (!singleUri(a.id)) fail('id', '3.1-annotationIdValidated', 'id must be a single IRI')
  if (!types(a).includes('Annotation')) fail('type', '3.1-annotationTypeValidated', 'type must be or contain "Annotation"')
  if (a.target === undefined) fail('target', '3.1-targetKeyFound', 'an annotation must have at least one target')
  else many(a.target).forEach((t, i) => checkResource(t, Array.isArray(a.target) ? `target[${i}]` : 'target', 'targ', fail))
  if (a.body !== undefined && a.bodyValue !== undefined) fail('bodyValue', '3.2.5-notBodyBodyValue', 'body and bodyValue must not both be present')
  if (a.bodyValue !== undefined && typeof a.bodyValue !== 'string') fail('bodyValue', '3.2.5-bodyValueValidated', 'bodyValue must be a single string')
  if (a.body !== undefined) many(a.body).forEach((b, i) => checkResource(b, Array.isArray(a.body) ? `body[${i}]` : 'body', 'body', fail))
  for (const key of ['created', 'modified', 'generated'] as const) {
    if (a[key] !== undefined && !isDateTime(a[key])) fail(key, `3.3.1-annotation${cap(key)}Validated`, `${key} must be a single xsd:dateTime with a time zone`)
  }
  checkIriProperties(a, '', 'annotation', fail)
  if (a.motivation !== undefined && !many(a.motivation).every((m) => typeof m === 'string' && (MOTIVATIONS.has(m) || isUri(m)))) {
    fail('motivation', '3.3.5-annotationMotivationImplemented', 'motivation must be a W3C motivation or an IRI')
  }
  return out
}

/** Checks an AnnotationCollection with embedded pages, and every annotation in them. */
export function checkAnnotationCollection(c: Json): RuleViolation[] {
  const out: RuleViolation[] = []
  const fail = (at: string, rule: string, message: string): void => {
    out.push({ at, rule, message })
  }
  if (!isObj(c)) return [{ at: '', rule: '5.1-collectionTypeValidated', message: 'a collection must be a JSON object' }]
  if (!hasContext(c['@context'])) fail('@context', '5.1-collectionContextValidated', `@context must be or contain "${ANNO_CONTEXT}"`)
  if (!singleUri(c.id)) fail('id', '5.1-collectionIdValidated', 'id must be a single IRI')
  if (!types(c).includes('AnnotationCollection')) fail('type', '5.1-collectionTypeValidated', 'type must be or contain "AnnotationCollection"')
  if (c.label !== undefined && !many(c.label).every((l) => typeof l === 'string')) fail('label', '5.1-collectionLabelValidated', 'label must be text')
  if (c.total !== undefined && !(Number.isInteger(c.total) && (c.total as number) >= 0)) fail('total', '5.1-collectionTotalValidated', 'total must be a non-negative integer')
  for (const key of ['first', 'last'] as const) {
    const v = c[key]
    if (v === undefined) continue
    if (!isUri(v) && !isObj(v)) fail(key, `5.1-collection${cap(key)}Validated`, `${key} must be an IRI or an AnnotationPage`)
  }
  for (const key of ['created', 'modified'] as const) {
    if (c[key] !== undefined && !isDateTime(c[key])) fail(key, `3.3.1-collection${cap(key)}Validated`, `${key} must be an xsd:dateTime`)
  }
  if (c.rights !== undefined && !many(c.rights).every(isUri)) fail('rights', '3.3.6-collectionRightsValidated', 'rights must be IRIs')
  if (isObj(c.first)) {
    const page = c.first
    if (page.id !== undefined && !singleUri(page.id)) fail('first.id', '5.2-pageIdValidated', 'a page id must be a single IRI')
    if (!types(page).includes('AnnotationPage')) fail('first.type', '5.2-pageTypeValidated', 'type must be or contain "AnnotationPage"')
    if (!Array.isArray(page.items) || page.items.length === 0) fail('first.items', '5.2-pageItemsValidated', 'a page must have a non-empty items list')
    if (page.startIndex !== undefined && !(Number.isInteger(page.startIndex) && (page.startIndex as number) >= 0)) {
      fail('first.startIndex', '5.2-pageStartIndexValidated', 'startIndex must be a non-negative integer')
    }
    if (Array.isArray(page.items)) page.items.forEach((item, i) => out.push(...checkAnnotation(item, `first.items[${i}]`)))
  }
  return out
}

type Fail = (path: string, rule: string, message: string) => void

function checkResource(r: Json, path: string, kind: 'body' | 'targ', fail: Fail): void {
  if (typeof r === 'string') {
    if (!isUri(r)) fail(path, kind === 'body' ? '3.2-bodyObjectsRecognized' : '3.2-targetObjectsRecognized', `${path} must be an IRI or a resource object`)
    return
  }
  if (!isObj(r)) {
    fail(path, kind === 'body' ? '3.2-bodyObjectsRecognized' : '3.2-targetObjectsRecognized', `${path} must be an IRI or a resource object`)
    return
  }
  const t = types(r)
  const sub = (p: string): string => join(path, p)
  if (t.includes('Choice') || t.includes('List') || t.includes('Composite') || t.includes('Independents')) {
    if (!Array.isArray(r.items) || r.items.length === 0) fail(sub('items'), `3.2.7-${kind}EWRNoItems`, 'a Choice or Set must have items')
    else r.items.forEach((item, i) => checkResource(item, sub(`items[${i}]`), kind, fail))
    if (r.value !== undefined) fail(sub('value'), `3.2.4-${kind}ChoiceSetNoValue`, 'a Choice or Set must not have a value')
    if (r.source !== undefined) fail(sub('source'), `4-${kind}ChoiceSetNoSource`, 'a Choice or Set must not have a source')
    if (r.purpose !== undefined) fail(sub('purpose'), `3.3.5-${kind}ChoiceSetNoPurpose`, 'a Choice or Set must not have a purpose')
    return
  }
  if (t.includes('TextualBody')) {
    if (r.items !== undefined) fail(sub('items'), `3.2.7-${kind === 'body' ? 'body' : 'targ'}EmbeddedTextualNoItems`, 'a TextualBody must not have items')
    if (r.source !== undefined) fail(sub('source'), `4-${kind}EmbeddedTextualNoSource`, 'a TextualBody must not have a source')
  } else if (r.source !== undefined || t.includes('SpecificResource')) {
    if (r.items !== undefined) fail(sub('items'), `3.2.7-${kind}SpecificResourceNoItems`, 'a SpecificResource must not have items')
    if (r.value !== undefined) fail(sub('value'), `4-${kind}SpecificResourceNoValue`, 'a SpecificResource must not have a value')
    if (r.source === undefined) fail(sub('source'), '4-specificResourceSource', 'a SpecificResource must have exactly one source')
    else if (!isUri(r.source) && !(isObj(r.source) && singleUri(r.source.id))) fail(sub('source'), '4-specificResourceSource', 'source must be a single IRI or a resource with an id')
    if (r.selector !== undefined) many(r.selector).forEach((s, i) => checkSelector(s, join(sub('selector'), Array.isArray(r.selector) ? `[${i}]` : ''), fail))
    if (r.state !== undefined) many(r.state).forEach((s, i) => checkState(s, join(sub('state'), Array.isArray(r.state) ? `[${i}]` : ''), fail))
  } else {
    // An External Web Resource: identified by its IRI, no items and no purpose.
    if (!singleUri(r.id)) fail(sub('id'), kind === 'body' ? '3.2-bodyObjectsRecognized' : '3.2-targetObjectsRecognized', 'an external resource must have a single IRI id')
    if (r.items !== undefined) fail(sub('items'), `3.2.7-${kind}EWRNoItems`, 'an external resource must not have items')
    if (r.purpose !== undefined) fail(sub('purpose'), `3.3.5-${kind}EWRNoPurpose`, 'an external resource must not have a purpose')
  }
  if (r.textDirection !== undefined && !TEXT_DIRECTIONS.has(r.textDirection as string)) {
    fail(sub('textDirection'), `3.2.1-${kind}TextDirectionValidated`, 'textDirection must be ltr, rtl or auto')
  }
  for (const key of ['created', 'modified'] as const) {
    if (r[key] !== undefined && !isDateTime(r[key])) fail(sub(key), `3.3.1-${kind}${cap(key)}Validated`, `${key} must be an xsd:dateTime`)
  }
  checkIriProperties(r, path, kind, fail)
}

function checkSelector(s: Json, path: string, fail: Fail): void {
  if (typeof s === 'string') {
    if (!isUri(s)) fail(path, '4.2-selectorValidIfPresent', 'a selector must be an object or an IRI')
    return
  }
  if (!isObj(s)) return fail(path, '4.2-selectorValidIfPresent', 'a selector must be an object or an IRI')
  const t = types(s)
  const rule = (name: string, ok: boolean, message: string): void => {
    if (!ok) fail(path, name, message)
  }
  if (t.includes('TextQuoteSelector')) {
    rule('4.2.4-textQuoteSelectorValid', typeof s.exact === 'string', 'TextQuoteSelector needs an exact string')
    rule('4.2.4-textQuoteSelectorValid', s.prefix === undefined || typeof s.prefix === 'string', 'prefix must be a string')
    rule('4.2.4-textQuoteSelectorValid', s.suffix === undefined || typeof s.suffix === 'string', 'suffix must be a string')
  } else if (t.includes('TextPositionSelector') || t.includes('DataPositionSelector')) {
    const ok = (v: Json): boolean => Number.isInteger(v) && (v as number) >= 0
    rule('4.2-TextDataPositionSelectorValid', ok(s.start) && ok(s.end), `${t[0]} needs non-negative integer start and end`)
  } else if (t.includes('FragmentSelector')) {
    rule('4.2-fragmentCssXPathSelectorValid', typeof s.value === 'string', 'FragmentSelector needs a value string')
    rule('4.2-fragmentCssXPathSelectorValid', s.conformsTo === undefined || isUri(s.conformsTo), 'conformsTo must be an IRI')
  } else if (t.includes('CssSelector') || t.includes('XPathSelector')) {
    rule('4.2-fragmentCssXPathSelectorValid', typeof s.value === 'string', `${t[0]} needs a value string`)
  } else if (t.includes('SvgSelector')) {
    rule('4.2.7-svgSelectorValid', (typeof s.value === 'string') !== isUri(s.id), 'SvgSelector needs exactly one of value or id')
  } else if (t.includes('RangeSelector')) {
    rule('4.2.8-rangeSelectorValid', isObj(s.startSelector) && isObj(s.endSelector), 'RangeSelector needs startSelector and endSelector')
  } else if (!singleUri(s.id)) {
    fail(path, '4.2-selectorValidIfPresent', 'a selector must be of a type the model defines or be identified by an IRI')
  }
  if (s.refinedBy !== undefined) many(s.refinedBy).forEach((r, i) => checkSelector(r, join(join(path, 'refinedBy'), Array.isArray(s.refinedBy) ? `[${i}]` : ''), fail))
}

function checkState(s: Json, path: string, fail: Fail): void {
  if (typeof s === 'string') {
    if (!isUri(s)) fail(path, '4.3-stateValidIfPresent', 'a state must be an object or an IRI')
    return
  }
  if (!isObj(s)) return fail(path, '4.3-stateValidIfPresent', 'a state must be an object or an IRI')
  const t = types(s)
  if (t.includes('TimeState')) {
    const single = s.sourceDate !== undefined
    const range = s.sourceDateStart !== undefined && s.sourceDateEnd !== undefined
    if (single === range) fail(path, '4.3.1-timeStateValid', 'TimeState needs sourceDate, or sourceDateStart and sourceDateEnd (not both)')
    if (single && !many(s.sourceDate).every(isDateTime)) fail(join(path, 'sourceDate'), '4.3.1-timeStateValid', 'sourceDate must be an xsd:dateTime')
    for (const key of ['sourceDateStart', 'sourceDateEnd'] as const) {
      if (s[key] !== undefined && !isDateTime(s[key])) fail(join(path, key), '4.3.1-timeStateValid', `${key} must be an xsd:dateTime`)
    }
    if (s.cached !== undefined && !many(s.cached).every(isUri)) fail(join(path, 'cached'), '4.3.1-timeStateValid', 'cached must be IRIs')
  } else if (t.includes('HttpRequestState')) {
    if (typeof s.value !== 'string') fail(path, '4.3.2-httpRequestStateValid', 'HttpRequestState needs a value string')
  } else if (!singleUri(s.id)) {
    fail(path, '4.3-stateValidIfPresent', 'a state must be of a type the model defines or be identified by an IRI')
  }
  if (s.refinedBy !== undefined) many(s.refinedBy).forEach((r, i) => checkState(r, join(join(path, 'refinedBy'), `[${i}]`), fail))
}

function checkIriProperties(o: Obj, path: string, kind: string, fail: Fail): void {
  for (const key of ['rights', 'via'] as const) {
    if (o[key] !== undefined && !many(o[key]).every(isUri)) fail(join(path, key), `3.3.${key === 'rights' ? 6 : 7}-${kind}${cap(key)}Validated`, `${key} must be IRIs`)
  }
  if (o.canonical !== undefined && !isUri(o.canonical)) fail(join(path, 'canonical'), `3.3.7-${kind}CanonicalValidated`, 'canonical must be a single IRI')
}

function hasContext(v: Json): boolean {
  return v === ANNO_CONTEXT || (Array.isArray(v) && v.includes(ANNO_CONTEXT))
}

function singleUri(v: Json): boolean {
  return isUri(v) || (Array.isArray(v) && v.length === 1 && isUri(v[0]))
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function join(a: string, b: string): string {
  if (!a) return b
  if (!b) return a
  return b.startsWith('[') ? a + b : `${a}.${b}`
}
