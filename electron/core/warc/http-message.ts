// The HTTP message heads stored in WARC request/response records, written and
// read exactly as bytes (header names keep their case and order; repeated
// headers such as Set-Cookie stay separate lines).

export type HeaderList = Array<[string, string]>

const CRLF = '\r\n'

// Header values reach us from servers and pages; a CR or LF inside one would
// forge extra header lines in the record, so they become spaces.
function clean(s: string): string {
  return s.replace(/[\r\n]+/g, ' ')
}

function head(firstLine: string, headers: HeaderList): Uint8Array {
  const lines = [clean(firstLine), ...headers.map(([k, v]) => `${clean(k)}: ${clean(v)}`)]
  // latin1: HTTP/1.1 header bytes are octets; a browser or server that sent
  // UTF-8 bytes arrives as one char per byte and is written back unchanged.
  return Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1')
}

export function requestHead(method: string, target: string, headers: HeaderList, httpVersion = '1.1'): Uint8Array {
  return head(`${method} ${target} HTTP/${httpVersion}`, headers)
}

export function responseHead(status: number, statusText: string, headers: HeaderList, httpVersion = '1.1'): Uint8Array {
  return head(`HTTP/${httpVersion} ${status}${statusText ? ` ${statusText}` : ''}`, headers)
}

export interface ParsedHead {
  firstLine: string
  headers: HeaderList
  /** Bytes of the head, blank line included: the payload starts here. */
  length: number
}

/** Splits an HTTP message (a WARC request/response block) into its head and where the payload starts; null if there is no complete head. */
export function parseHttpHead(block: Uint8Array): ParsedHead | null {
  const buf = Buffer.from(block.buffer, block.byteOffset, block.byteLength)
  let end = buf.indexOf('\r\n\r\n', 0, 'latin1')
  let sep = 4
  if (end < 0) {
    // Some tools write bare LF line ends.
    end = buf.indexOf('\n\n', 0, 'latin1')
    sep = 2
  }
  if (end < 0) return null
  const lines = buf.subarray(0, end).toString('latin1').split(/\r?\n/)
  const headers: HeaderList = []
  for (const line of lines.slice(1)) {
    const previous = headers.at(-1)
    if (/^[ \t]/.test(line) && previous) {
      previous[1] += ' ' + line.trim() // obsolete line folding
      continue
    }
    const colon = line.indexOf(':')
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
  }
  return { firstLine: lines[0] ?? '', headers, length: end + sep } // split gives at least one line
}

/** First value of a header, case-insensitively. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase()
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1]
}

/** Status code of a response head's first line ("HTTP/1.1 200 OK" → 200), or null. */
export function statusOf(firstLine: string): number | null {
  const m = /^HTTP\/\S+\s+(\d{3})/.exec(firstLine)
  return m ? Number(m[1]) : null
}
