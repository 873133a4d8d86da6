import { z } from 'zod'

// `case.json` (format attest-case/1): a report under review and the sources it
// relies on. Unknown fields are kept (passthrough) so that nothing a case
// author wrote is lost on import; they land in the source's `extra`.

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex SHA-256')

export const caseFileEntry = z.object({
  file: z.string().min(1),
  mediaType: z.string().optional(),
  sha256,
  note: z.string().optional()
}).passthrough()

export const caseSource = z.object({
  id: z.string().min(1),
  kind: z.enum(['primary', 'secondary']).optional(),
  title: z.string().nullish(),
  publisher: z.string().nullish(),
  author: z.string().nullish(),
  authors: z.array(z.string()).optional(),
  url: z.string().nullish(),
  published: z.string().nullish(),
  modified: z.string().nullish(),
  capturedAt: z.string().nullish(),
  identifiers: z.record(z.string(), z.string()).optional(),
  note: z.string().nullish(),
  files: z.array(caseFileEntry).default([])
}).passthrough()

export const caseReport = z.object({
  id: z.string().min(1),
  file: z.string().min(1),
  sha256,
  mediaType: z.string().optional(),
  title: z.string().nullish(),
  publisher: z.string().nullish(),
  url: z.string().nullish(),
  published: z.string().nullish(),
  capturedAt: z.string().nullish(),
  note: z.string().nullish()
}).passthrough()

export const caseFile = z.object({
  format: z.literal('attest-case/1'),
  title: z.string().optional(),
  note: z.string().optional(),
  report: caseReport,
  sources: z.array(caseSource)
}).passthrough()

export type CaseFile = z.infer<typeof caseFile>
export type CaseSource = z.infer<typeof caseSource>
