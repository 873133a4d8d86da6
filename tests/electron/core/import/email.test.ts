// E-mails and mailboxes: the body as text under a short header block, the
// provenance headers as metadata (the Date is when it was sent, never the
// capture time), attachments as further snapshots of the same source, and one
// clear error for messages too large or too deeply nested to read.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importBytes } from '../../../../electron/core/import/import-file'
import { extractEmail } from '../../../../electron/core/import/email'
import { sniffType } from '../../../../electron/core/import/sniff-type'
import { getSnapshot, listSnapshots } from '../../../../electron/core/archive/snapshots'
import { checkIntegrity } from '../../../../electron/core/archive/integrity'
import { sha256Hex } from '../../../../electron/core/hash'
import { codePointLength, sliceCodePoints } from '../../../../shared/text/code-points'
import { CASE_DIR, tempArchive, testStamp } from '../../../helpers/temp-archive'
import { CRLF, attachmentPart, encodedWord, message, multipart, quotedPrintableLatin1 } from './build-email'
import { nth } from '../../../helpers/nth'
import { firstItems } from '../../../helpers/first-items'

const PDF = readFileSync(join(CASE_DIR, 'sources/proclamation-10886.2col.pdf'))
const NOTES = Buffer.from('Field notes: the engineers arrived at the crossing on 3 February.\n')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])

const RECEIVED = [
  'from relay.example.net (relay.example.net [192.0.2.7]) by mx.example.org with ESMTPS; Mon, 2 Feb 2026 09:15:03 +0000',
  'from mail.example.gov (mail.example.gov [198.51.100.4]) by relay.example.net with ESMTP; Mon, 2 Feb 2026 09:15:01 +0000'
]
const SUBJECT = 'Proclamation 10886 – troop numbers ✓'

function memoEml(): Buffer {
  const body = multipart('mixed', 'outer', [
    multipart('alternative', 'alt', [
      {
        headers: ['Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable'],
        body: quotedPrintableLatin1('Le président a signé la proclamation.\nSee the attached PDF: 2,200 troops.\n')
      },
      {
        headers: ['Content-Type: text/html; charset=utf-8'],
        body: '<p>Le président a signé la <b>proclamation</b>.</p><p>See the attached PDF: 2,200 troops.</p>'
      }
    ]),
    attachmentPart('proclamation-10886.pdf', 'application/pdf', PDF),
    attachmentPart('notes.txt', 'text/plain', NOTES),
    attachmentPart('map.png', 'image/png', PNG)
  ])
  return Buffer.from(
    message(
      [
        ...RECEIVED.map((r) => `Received: ${r}`),
        'From: "Ana Ruiz" <ana@example.org>',
        'To: Desk <desk@example.org>, fact@example.org',
        'Cc: editor@example.org',
        'Date: Mon, 2 Feb 2026 10:15:00 +0100',
        `Subject: ${encodedWord(SUBJECT)}`,
        'Message-ID: <memo-1@example.org>',
        'MIME-Version: 1.0',
        ...body.headers
      ],
      body.body
    ),
    'latin1'
  )
}

const MEMO_TEXT = [
  'From: Ana Ruiz <ana@example.org>',
  'To: Desk <desk@example.org>, fact@example.org',
  'Cc: editor@example.org',
  'Date: Mon, 2 Feb 2026 10:15:00 +0100',
  `Subject: ${SUBJECT}`,
  'Attachments: proclamation-10886.pdf, notes.txt, map.png',
  '',
  'Le président a signé la proclamation.',
  'See the attached PDF: 2,200 troops.'
].join('\n')

let a: ReturnType<typeof tempArchive>
beforeEach(() => {
  a = tempArchive()
})
afterEach(() => {
  expect(checkIntegrity(a.db).problems).toEqual([])
  a.cleanup()
})

describe('an e-mail (.eml)', () => {
  it('is archived byte for byte; its text is the header block and the plain body, decoded from quoted-printable Latin-1', async () => {
    const bytes = memoEml()
    const r = await importBytes(a.db, testStamp(), bytes, { fileName: 'memo.eml' })
    const snap = getSnapshot(a.db, r.snapshot.id)!
    expect(snap.mediaType).toBe('message/rfc822')
    expect(snap.sha256).toBe(sha256Hex(bytes))
    expect(snap.text).toBe(MEMO_TEXT)
    expect(snap.textStatus).toBe('ok')
    expect(r.source.title).toBe(SUBJECT)
  })

  it('keeps From, To, Date, Subject, Message-ID and the Received chain as metadata; the sending date is not the capture time', async () => {
    const r = await importBytes(a.db, testStamp(), memoEml(), { fileName: 'memo.eml' })
    expect(r.snapshot.metadata.email).toMatchObject({
      from: 'Ana Ruiz <ana@example.org>',
      to: ['Desk <desk@example.org>', 'fact@example.org'],
      cc: ['editor@example.org'],
      dateHeader: 'Mon, 2 Feb 2026 10:15:00 +0100',
      sentAt: '2026-02-02T09:15:00.000Z',
      subject: SUBJECT,
      messageId: '<memo-1@example.org>',
      received: RECEIVED,
      body: 'text/plain'
    })
    // Attest saw the file when it was imported; when the message was sent is the message's claim.
    expect(r.snapshot.capturedAt).toBe(testStamp().at)
    expect(r.snapshot.captureMethod).toBe('file-import')
  })

  it('archives each attachment as a snapshot of the same source, with its name and type; a PDF attachment is read like any PDF', async () => {
    const r = await importBytes(a.db, testStamp(), memoEml(), { fileName: 'memo.eml' })
    const [pdf, notes, png] = firstItems(r.attachments!, 3)
    expect(r.attachments!.map((s) => [s.fileName, s.mediaType])).toEqual([
      ['proclamation-10886.pdf', 'application/pdf'],
      ['notes.txt', 'text/plain'],
      ['map.png', 'image/png']
    ])
    expect(listSnapshots(a.db, r.source.id).map((s) => s.id)).toEqual([r.snapshot.id, pdf.id, notes.id, png.id])
    for (const s of r.attachments!) {
      expect(s.sourceId).toBe(r.source.id)
      expect(s.captureMethod).toBe('email-attachment')
      expect(s.metadata.attachment).toMatchObject({ of: r.snapshot.sha256, parentFileName: 'memo.eml', disposition: 'attachment' })
    }
    expect(pdf.sha256).toBe(sha256Hex(PDF))
    expect(pdf.pageCount).toBeGreaterThan(0)
    expect(getSnapshot(a.db, pdf.id)!.text).toContain('Declaring a National Emergency at the Southern Border')
    expect(getSnapshot(a.db, notes.id)!.text).toBe(NOTES.toString())
  })

  it('archives an attachment it cannot read as it is, without text, and says so', async () => {
    const r = await importBytes(a.db, testStamp(), memoEml(), { fileName: 'memo.eml' })
    const png = nth(r.attachments!, 2)
    expect(png.sha256).toBe(sha256Hex(PNG))
    expect(png.textStatus).toBe('empty')
    expect(png.warnings).toEqual(['archived as it is, without text: Attest cannot extract text from this kind of file (image/png)'])
    expect(r.warnings).toContain('map.png: archived as it is, without text: Attest cannot extract text from this kind of file (image/png)')
  })

  it('archives a file attached twice once', async () => {
    const body = multipart('mixed', 'twice', [
      { headers: ['Content-Type: text/plain'], body: 'Two copies attached.' },
      attachmentPart('notes.txt', 'text/plain', NOTES),
      attachmentPart('notes-copy.txt', 'text/plain', NOTES)
    ])
    const eml = message(['From: a@example.org', 'Date: Mon, 2 Feb 2026 09:15:00 +0000', 'MIME-Version: 1.0', ...body.headers], body.body)
    const r = await importBytes(a.db, testStamp(), Buffer.from(eml), { fileName: 'twice.eml' })
    expect(r.attachments!.map((s) => s.fileName)).toEqual(['notes.txt'])
    expect(listSnapshots(a.db, r.source.id)).toHaveLength(2)
  })

  it('archives a forwarded message attached whole as an e-mail snapshot of its own, its own attachments kept inside it', async () => {
    const inner = memoEml()
    const body = multipart('mixed', 'fwd', [
      { headers: ['Content-Type: text/plain'], body: 'Forwarding the memo.' },
      { headers: ['Content-Type: message/rfc822', 'Content-Disposition: attachment; filename="memo.eml"'], body: inner.toString('latin1') }
    ])
    const eml = message(['From: b@example.org', 'Date: Tue, 3 Feb 2026 09:00:00 +0000', 'Subject: Fwd', 'MIME-Version: 1.0', ...body.headers], body.body)
    const r = await importBytes(a.db, testStamp(), Buffer.from(eml, 'latin1'), { fileName: 'fwd.eml' })
    expect(r.attachments).toHaveLength(1)
    const forwarded = getSnapshot(a.db, nth(r.attachments!, 0).id)!
    expect(forwarded).toMatchObject({ fileName: 'memo.eml', mediaType: 'message/rfc822' })
    expect(forwarded.text).toBe(MEMO_TEXT)
    expect(forwarded.warnings).toContain('memo.eml carries 3 attachment(s) of its own; they are archived inside its bytes, not as snapshots of their own')
  })

  it('imports the same message again without writing anything', async () => {
    const first = await importBytes(a.db, testStamp(), memoEml(), { fileName: 'memo.eml' })
    const count = listSnapshots(a.db).length
    const again = await importBytes(a.db, testStamp(), memoEml(), { fileName: 'copy.eml' })
    expect(again.created).toBe(false)
    expect(again.attachments!.map((s) => s.id)).toEqual(first.attachments!.map((s) => s.id))
    expect(listSnapshots(a.db)).toHaveLength(count)
  })

  it('reads an HTML-only message through the HTML extractor, running no script', async () => {
    const eml = message(
      [
        'From: press@example.gov',
        'Date: Tue, 3 Feb 2026 08:00:00 -0500',
        'Subject: Statement',
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: base64'
      ],
      Buffer.from(
        '<html><body><h1>Statement</h1><p>Troops arrived on 3 February.</p><script>globalThis.__mailPwned = true; document.write("INJECTED")</script></body></html>'
      ).toString('base64')
    )
    const r = await importBytes(a.db, testStamp(), Buffer.from(eml), { fileName: 'statement.eml' })
    const text = getSnapshot(a.db, r.snapshot.id)!.text
    expect(text).toBe('From: press@example.gov\nDate: Tue, 3 Feb 2026 08:00:00 -0500\nSubject: Statement\n\nStatement\nTroops arrived on 3 February.')
    expect((globalThis as Record<string, unknown>).__mailPwned).toBeUndefined()
    expect(r.snapshot.metadata.email).toMatchObject({ body: 'text/html', sentAt: '2026-02-03T13:00:00.000Z' })
  })

  it('keeps an unparseable Date as written, with no sending time', async () => {
    const eml = message(['From: a@example.org', 'Date: sometime last week', 'Subject: Undated'], 'Body.')
    const r = await importBytes(a.db, testStamp(), Buffer.from(eml), { fileName: 'undated.eml' })
    expect(r.snapshot.metadata.email).toMatchObject({ dateHeader: 'sometime last week', sentAt: null })
  })
})

describe('a mailbox (.mbox)', () => {
  const mbox = [
    'From ana@example.org Mon Feb  2 09:15:00 2026',
    message(['From: ana@example.org', 'To: desk@example.org', 'Date: Mon, 2 Feb 2026 09:15:00 +0000', 'Subject: First'], 'The first message.\n').replace(/\r\n/g, '\n'),
    'From ben@example.org Tue Feb  3 10:00:00 2026',
    message(
      ['From: ben@example.org', 'Date: Tue, 3 Feb 2026 10:00:00 +0000', 'Subject: Second', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b"'],
      ['--b', 'Content-Type: text/plain', '', '>From the field: all quiet.', '--b', 'Content-Type: text/plain; name="log.txt"', 'Content-Disposition: attachment; filename="log.txt"', '', 'Log entry one.', '--b--', ''].join(CRLF)
    ).replace(/\r\n/g, '\n')
  ].join('\n')

  it('is one snapshot whose text holds every message, with each message\'s headers and place in the text as metadata', async () => {
    expect(sniffType(Buffer.from(mbox), 'inbox.mbox')).toMatchObject({ kind: 'mbox', mediaType: 'application/mbox' })
    const r = await importBytes(a.db, testStamp(), Buffer.from(mbox), { fileName: 'inbox.mbox' })
    const snap = getSnapshot(a.db, r.snapshot.id)!
    expect(snap.mediaType).toBe('application/mbox')
    const messages = (snap.metadata.mbox as { messages: Array<{ subject: string; start: number; end: number; from: string }> }).messages
    expect(messages.map((m) => [m.subject, m.from])).toEqual([
      ['First', 'ana@example.org'],
      ['Second', 'ben@example.org']
    ])
    expect(sliceCodePoints(snap.text, nth(messages, 0).start, nth(messages, 0).end)).toBe(
      'From: ana@example.org\nTo: desk@example.org\nDate: Mon, 2 Feb 2026 09:15:00 +0000\nSubject: First\n\nThe first message.'
    )
    expect(sliceCodePoints(snap.text, nth(messages, 1).start, nth(messages, 1).end)).toMatch(/^From: ben@example.org\n[\s\S]*>From the field: all quiet\.$/)
    expect(nth(messages, 1).end).toBe(codePointLength(snap.text))
    expect(r.attachments!.map((s) => [s.fileName, s.metadata.attachment])).toEqual([['log.txt', expect.objectContaining({ message: 1 })]])
  })

  it('does not split at a body line that starts with "From " unless headers follow it', async () => {
    const box = 'From a@example.org Mon Feb  2 09:15:00 2026\nFrom: a@example.org\nDate: Mon, 2 Feb 2026 09:15:00 +0000\n\nFirst line.\nFrom there we drove on.\n\nThe end.\n'
    const ex = await extractEmail(Buffer.from(box), 'mbox')
    expect(ex.messages).toHaveLength(1)
    expect(ex.text).toMatch(/First line\.\nFrom there we drove on\.\n\nThe end\.$/)
  })
})

describe('messages it will not read', () => {
  async function refusal(bytes: Buffer, fileName: string): Promise<{ code: string; message: string }> {
    const before = listSnapshots(a.db).length
    const err = await importBytes(a.db, testStamp(), bytes, { fileName }).then(
      () => null,
      (e: { code: string; message: string }) => e
    )
    expect(err, 'the import must fail').not.toBeNull()
    expect(listSnapshots(a.db)).toHaveLength(before)
    return err!
  }

  it('refuses a MIME tree nested deeper than it reads, with one clear error', async () => {
    let part = { headers: ['Content-Type: text/plain'], body: 'deep inside' }
    for (let i = 0; i < 40; i++) part = multipart('mixed', `level${i}`, [part])
    const eml = message(['From: a@example.org', 'Date: Mon, 2 Feb 2026 09:15:00 +0000', 'MIME-Version: 1.0', ...part.headers], part.body)
    const err = await refusal(Buffer.from(eml), 'deep.eml')
    expect(err.code).toBe('EMAIL_INVALID')
    expect(err.message).toMatch(/nesting depth of 32 levels exceeded/)
  })

  it('refuses a message larger than its cap before parsing it', async () => {
    const eml = Buffer.from(message(['From: a@example.org', 'Date: Mon, 2 Feb 2026 09:15:00 +0000'], 'x'.repeat(5000)))
    await expect(
      extractEmail(eml, 'eml', { maxMessageBytes: 4096, maxNestingDepth: 32, maxHeaderBytes: 1 << 20, maxMessages: 10, maxAttachments: 10 })
    ).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/^This e-mail is 5\d{3} bytes; Attest reads messages up to 4096 bytes\./) })
  })

  it('refuses headers beyond their cap', async () => {
    const eml = message(['From: a@example.org', 'Date: Mon, 2 Feb 2026 09:15:00 +0000', ...Array.from({ length: 30_000 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(40)}`)], 'Body.')
    const err = await refusal(Buffer.from(eml), 'headers.eml')
    expect(err.code).toBe('EMAIL_INVALID')
    expect(err.message).toMatch(/header size/i)
  })

  it('refuses a file named .eml that holds no e-mail, by name', async () => {
    const err = await refusal(Buffer.from('Just a note to self.\nNothing else.'), 'note.eml')
    expect(err.code).toBe('UNSUPPORTED_TYPE')
    expect(err.message).toMatch(/named \.eml but it does not start with e-mail headers/)
  })
})
