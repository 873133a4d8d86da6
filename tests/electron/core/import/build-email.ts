// E-mails written in the test as the text a mail program saves, so every
// encoding the importer must undo is visible where it is asserted.

export const CRLF = '\r\n'

/** Base64 in 76-character lines, as MIME writes it. */
export function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF)
}

/** Quoted-printable of Latin-1 text (enough for the fixtures: no soft line breaks needed). */
export function quotedPrintableLatin1(text: string): string {
  return [...Buffer.from(text, 'latin1')]
    .map((b) => (b === 0x0a ? CRLF : b === 0x3d || b > 0x7e ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b)))
    .join('')
}

/** An RFC 2047 encoded word (UTF-8, base64). */
export function encodedWord(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`
}

export function message(headers: string[], body: string): string {
  return [...headers, '', body].join(CRLF)
}

export interface Part {
  headers: string[]
  body: string
}

export function multipart(kind: 'mixed' | 'alternative' | 'related', boundary: string, parts: Part[]): Part {
  return {
    headers: [`Content-Type: multipart/${kind}; boundary="${boundary}"`],
    body: [...parts.map((p) => `--${boundary}${CRLF}${p.headers.join(CRLF)}${CRLF}${CRLF}${p.body}`), `--${boundary}--`, ''].join(CRLF)
  }
}

export function attachmentPart(fileName: string, mediaType: string, bytes: Buffer): Part {
  return {
    headers: [`Content-Type: ${mediaType}; name="${fileName}"`, `Content-Disposition: attachment; filename="${fileName}"`, 'Content-Transfer-Encoding: base64'],
    body: base64Lines(bytes)
  }
}
