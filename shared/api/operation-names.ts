// The names of the contract's operations, kept apart from the schemas so the
// sandboxed preload can expose exactly these (and nothing else) without
// bundling zod. A test checks this list equals the contract's keys.
export const OPERATION_NAMES = [
  'getArchiveInfo',
  'listSources',
  'listReports',
  'getReportView',
  'getSnapshot',
  'getSnapshotBytes',
  'importFile',
  'getImportProgress',
  'cancelImport',
  'importPath',
  'importCase',
  'addSnapshot',
  'createLink',
  'removeLink',
  'setStatus',
  'checkReport',
  'suggest',
  'rejectSuggestion',
  'search',
  'listEvents',
  'setUserName',
  'exportBundle',
  'listTrustedKeys',
  'addTrustedKey',
  'removeTrustedKey',
  'captureUrl',
  'diffSnapshots',
  'listChangedLinks',
  'getSentenceHistory',
  'reviseLink',
  'updateSource',
  'citeReport',
  'importReferences'
] as const

export type OperationName = (typeof OPERATION_NAMES)[number]
