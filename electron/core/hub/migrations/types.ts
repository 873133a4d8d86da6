/** One numbered step of the hub's schema; applied in a transaction with the others still pending. */
export interface HubMigration {
  version: number
  name: string
  sql: string
}
