import Database from 'better-sqlite3'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../../../electron/core/archive/open-archive'
import { REPO } from '../../../helpers/cli'

// The schema that all migrations produce is committed as schema.sql, so a
// reviewer reads a schema change as a diff. Regenerate after adding a
// migration: UPDATE_SCHEMA=1 npx vitest run tests/electron/core/archive/schema.test.ts

const SCHEMA_FILE = join(REPO, 'electron/core/archive/schema.sql')

function currentSchema(): string {
  const db = new Database(':memory:')
  const version = migrate(db)
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, name`)
    .all() as Array<{ type: string; name: string; sql: string }>
  db.close()
  return [`-- Generated from the migrations (schema version ${version}); do not edit by hand.`, ...rows.map((r) => `${r.sql};`)].join('\n\n') + '\n'
}

describe('schema.sql', () => {
  it('is what the migrations produce', () => {
    const schema = currentSchema()
    if (process.env.UPDATE_SCHEMA) writeFileSync(SCHEMA_FILE, schema)
    expect(existsSync(SCHEMA_FILE), 'schema.sql is missing: run with UPDATE_SCHEMA=1').toBe(true)
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(schema)
  })
})
