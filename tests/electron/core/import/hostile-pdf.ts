// PDFs built to hurt a reader, for the worker pool's limits.

import { deflateSync } from 'node:zlib'
import { writePdf } from './scan-fixture'

/**
 * One page whose content stream (a few hundred KB, deflated) draws millions of
 * tiny strings: reading it needs gigabytes of text items and many seconds.
 */
export function textFloodPdf(strings = 5_000_000): Uint8Array {
  const unit = Buffer.from('(ab) Tj\n', 'latin1')
  const body = Buffer.alloc(unit.length * strings)
  for (let i = 0; i < strings; i++) unit.copy(body, i * unit.length)
  const content = deflateSync(Buffer.concat([Buffer.from('BT /F1 1 Tf\n', 'latin1'), body, Buffer.from('ET\n', 'latin1')]))
  const objects = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R ' +
        '/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>',
      'latin1'
    ),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')])
  ]
  return writePdf(objects, 1)
}

/**
 * A catalog holding one array of millions of references: pdf.js parses an
 * object in one synchronous loop, so opening this never yields to the event
 * loop — only stopping the thread from outside ends it early.
 */
export function hugeArrayPdf(entries = 20_000_000): Uint8Array {
  const refs = Buffer.alloc(entries * 6, '2 0 R ', 'latin1')
  const objects = [
    Buffer.concat([Buffer.from('<< /Type /Catalog /Pages 2 0 R /Junk [', 'latin1'), refs, Buffer.from('] >>', 'latin1')]),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>', 'latin1'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>', 'latin1')
  ]
  return writePdf(objects, 1)
}
