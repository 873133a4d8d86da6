// Recorded with every report so that a later change to the segmentation rules
// never silently reinterprets stored sentence offsets. Bump it whenever
// `segment()` can split a text differently.
//
// Stored sentences are never re-split: a report keeps the sentences (and the
// stamp) it was created with, and bundles carry them verbatim. The search
// index names the version in `passage_index.splitter`; passages cut by an
// older version stay valid evidence spans (links point at snapshot offsets)
// and are only re-cut by rebuildSearchIndex.
//
// 2: documents, not only news prose — list items of every common form are
// sentences of their own (also inside a line after ". ; :"), a line break
// inside a sentence is whitespace (also across a PDF page break), section
// labels stay with their heading ("Sec. 2.  Policy."), "...." ends a sentence.
export const SEGMENTER_VERSION = 'attest-segment/2'
