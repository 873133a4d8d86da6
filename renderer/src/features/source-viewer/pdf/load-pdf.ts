// pdf.js is loaded on demand: most screens never show a PDF, and it is large.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'
import type { PDFDocumentProxy } from 'pdfjs-dist'

export type PdfJs = typeof import('pdfjs-dist')

export async function loadPdf(bytes: Uint8Array): Promise<{ pdfjs: PdfJs; doc: PDFDocumentProxy }> {
  const pdfjs = await import('pdfjs-dist')
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl
  // No eval (the CSP forbids it anyway) and no network: the bytes are all there is.
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableAutoFetch: true, disableStream: true }).promise
  return { pdfjs, doc }
}
