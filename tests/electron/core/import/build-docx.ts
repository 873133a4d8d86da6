// Small .docx files written in the test, so every fixture is ours and its
// content is visible where it is asserted. A .docx is a zip of XML parts;
// these are the parts Word itself needs for headings, a numbered list, a
// table, a comment and tracked changes.

import yazl from 'yazl'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

export interface ZipPart {
  name: string
  data: Buffer | string
  /** Store without compression (default: deflate). */
  store?: boolean
}

/** Zips parts in memory with yazl. */
export function zipParts(parts: readonly ZipPart[]): Promise<Buffer> {
  const zip = new yazl.ZipFile()
  for (const p of parts) {
    zip.addBuffer(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8'), p.name, {
      mtime: new Date('2026-01-01T00:00:00Z'),
      compress: !p.store
    })
  }
  zip.end()
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c))
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)))
    zip.outputStream.on('error', reject)
  })
}

export const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`
export const para = (inner: string, style?: string): string =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${inner}</w:p>`
export const listItem = (text: string): string =>
  `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(text)}</w:p>`
export const table = (rows: string[][]): string =>
  `<w:tbl><w:tblPr/>${rows.map((r) => `<w:tr>${r.map((c) => `<w:tc>${para(run(c))}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`
export const inserted = (id: number, author: string, text: string): string =>
  `<w:ins w:id="${id}" w:author="${author}" w:date="2026-02-01T10:00:00Z">${run(text)}</w:ins>`
export const deleted = (id: number, author: string, text: string): string =>
  `<w:del w:id="${id}" w:author="${author}" w:date="2026-02-01T10:05:00Z"><w:r><w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`
export const commented = (id: number, text: string): string =>
  `<w:commentRangeStart w:id="${id}"/>${run(text)}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`

export interface DocxContent {
  /** The inside of <w:body>. */
  body: string
  comments?: Array<{ id: number; author: string; text: string }>
  title?: string
}

/** The XML parts of a minimal Word document. */
export function docxParts(content: DocxContent): ZipPart[] {
  const comments = content.comments ?? []
  const parts: ZipPart[] = [
    {
      name: '[Content_Types].xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`
    },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG_REL}">
<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`
    },
    {
      name: 'docProps/core.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>${content.title ?? ''}</dc:title><dc:creator>Ana Ruiz</dc:creator>
<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-15T09:00:00Z</dcterms:created>
</cp:coreProperties>`
    },
    {
      name: 'word/_rels/document.xml.rels',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="${PKG_REL}">
<Relationship Id="rId1" Type="${REL_TYPE}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="${REL_TYPE}/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="${REL_TYPE}/comments" Target="comments.xml"/>
</Relationships>`
    },
    {
      name: 'word/styles.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>
</w:styles>`
    },
    {
      name: 'word/numbering.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`
    },
    {
      name: 'word/comments.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:comments xmlns:w="${W}">${comments
        .map((c) => `<w:comment w:id="${c.id}" w:author="${c.author}" w:date="2026-02-02T08:00:00Z">${para(run(c.text))}</w:comment>`)
        .join('')}</w:comments>`
    },
    {
      name: 'word/document.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${content.body}<w:sectPr/></w:body></w:document>`
    }
  ]
  return parts
}

export function buildDocx(content: DocxContent): Promise<Buffer> {
  return zipParts(docxParts(content))
}
