// Recorded with every report so that a later change to the segmentation rules
// never silently reinterprets stored sentence offsets. Bump it whenever
// `segment()` can split a text differently.
export const SEGMENTER_VERSION = 'attest-segment/1'
