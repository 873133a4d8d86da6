// Error codes are for machines; a fact-checker needs to know what happened
// and what to do next. One sentence for each, in plain words.
import { AttestError, type ErrorCode } from '../../../shared/errors'

export interface PlainError {
  title: string
  action: string
  /** The archive's own message, kept for the curious and for bug reports. */
  detail: string
  code: ErrorCode
}

const WORDS: Record<ErrorCode, { title: string; action: string }> = {
  USAGE: { title: 'That request was not complete.', action: 'Check the fields and try again.' },
  NOT_FOUND: { title: 'That item is not in this archive.', action: 'It may have been removed; go back to the archive list and reopen it.' },
  AMBIGUOUS: { title: 'More than one item matches.', action: 'Be more specific, for example use the source’s id.' },
  INVALID_ARGUMENT: { title: 'Attest could not use what was entered.', action: 'Check the values and try again.' },
  EMPTY_FILE: { title: 'The file is empty.', action: 'Choose the file again; it may not have finished downloading.' },
  FILE_TOO_LARGE: { title: 'The file is too large to import.', action: 'Split it or import a smaller copy.' },
  UNSUPPORTED_TYPE: { title: 'Attest cannot read this kind of file.', action: 'Import PDF, HTML, Word (.docx), e-mail (.eml, .mbox) or plain text files.' },
  PDF_PASSWORD_REQUIRED: { title: 'This PDF is protected by a password.', action: 'Ask the sender for the password and import it again with the password.' },
  PDF_WRONG_PASSWORD: { title: 'The PDF password is not correct.', action: 'Check the password and try again.' },
  PDF_INVALID: { title: 'The PDF is damaged or not really a PDF.', action: 'Download or export it again, then import the new copy.' },
  WARC_INVALID: { title: 'The web archive file is damaged or not a web archive.', action: 'Export the WARC or WACZ again from the tool that made it and import the new copy.' },
  HTML_INVALID: { title: 'The web page could not be read.', action: 'Save the page again (“Save page as… HTML only”) and import it.' },
  DOCX_INVALID: { title: 'The Word document is damaged or not really a Word file.', action: 'Open it in Word, save it again as .docx, and import the new copy.' },
  EMAIL_INVALID: { title: 'The e-mail could not be read.', action: 'Save the message again from your mail program (“Save as… .eml”) and import it.' },
  HASH_MISMATCH: { title: 'A file does not match its recorded fingerprint.', action: 'The file changed since it was recorded; do not rely on it until it is re-captured.' },
  CASE_INVALID: { title: 'The case folder is not set up correctly.', action: 'Check that the folder has a case.json that lists its files.' },
  REFERENCES_INVALID: { title: 'The reference file could not be read.', action: 'Export the references again from your reference manager (CSL-JSON, BibTeX, RIS or Zotero RDF) and import that file.' },
  ARCHIVE_FROM_NEWER_VERSION: { title: 'This archive was made by a newer Attest.', action: 'Update Attest to open it; nothing was changed.' },
  ARCHIVE_NOT_ATTEST: { title: 'That is not an Attest archive.', action: 'Choose the archive folder Attest created.' },
  ARCHIVE_CORRUPT: { title: 'The archive is damaged.', action: 'Stop working in it and restore it from a backup or a bundle.' },
  ARCHIVE_READ_ONLY: { title: 'The archive is read-only.', action: 'Open a writable copy to make changes.' },
  DISK_FULL: { title: 'The disk is full.', action: 'Free some space, then try again; nothing was half-saved.' },
  IO_ERROR: { title: 'Attest could not read or write a file, or reach the archive.', action: 'Check that the archive is still available (and the Attest server still running), then retry.' },
  SNAPSHOT_IMMUTABLE: { title: 'Captured snapshots cannot be changed.', action: 'Add a new snapshot instead; the old one stays as evidence.' },
  INTEGRITY_FAILED: { title: 'The archive’s integrity check failed.', action: 'Do not publish from it; export a bundle and ask for it to be verified.' },
  BUNDLE_INVALID: { title: 'The bundle is not valid.', action: 'Ask the sender for a fresh export.' },
  BUNDLE_TAMPERED: { title: 'The bundle was changed after it was exported.', action: 'Do not trust its contents; ask the sender for the original.' },
  UNAUTHORIZED: { title: 'This window is not allowed to do that.', action: 'Reopen Attest from the address the server printed (with its token), or use the desktop app.' },
  HUB_UNREACHABLE: { title: 'The team hub cannot be reached.', action: 'Keep working offline; Attest syncs when the hub is reachable again. Check the address if this persists.' },
  HUB_AUTH_FAILED: { title: 'The team hub did not accept your name or password.', action: 'Check the hub address, your role name and password with the hub’s owner.' },
  HUB_TLS_FAILED: { title: 'The team hub’s certificate could not be verified.', action: 'Check the hub address and the CA certificate (sslrootcert) with the hub’s owner; nothing was sent.' },
  HUB_FORBIDDEN: { title: 'The team hub refused that.', action: 'You may only add to your own archive under your own name; ask the hub’s owner if you need more access.' },
  HUB_TOO_NEW: { title: 'The team hub was set up by a newer Attest.', action: 'Update Attest, then sync again.' },
  HUB_NOT_INITIALIZED: { title: 'That database is not an Attest hub yet.', action: 'Ask the hub’s owner to run attest hub init on it.' },
  HUB_CHAIN_CONFLICT: { title: 'The hub holds a different history for this archive.', action: 'Nothing was changed; run attest hub check and compare the archive with the hub before syncing again.' },
  CANCELLED: { title: 'The task was cancelled.', action: 'Nothing was changed; start it again when you are ready.' },
  INTERNAL: { title: 'Something went wrong inside Attest.', action: 'Try again; if it keeps happening, report it with the details below.' }
}

export function plainError(err: unknown): PlainError {
  if (err instanceof AttestError) {
    const w = WORDS[err.code] ?? WORDS.INTERNAL
    return { ...w, detail: err.message, code: err.code }
  }
  const detail = err instanceof Error ? err.message : String(err)
  return { ...WORDS.INTERNAL, detail, code: 'INTERNAL' }
}
