import type Database from 'better-sqlite3'

// Compiling SQL costs more than running a small statement, and the hot paths
// (the event log, the settings every stamp reads, links, reviews, a bundle
// import's per-row lookups) run the same few statements thousands of times.
// Each connection keeps the statements it compiled, keyed by their SQL, for
// as long as it lives (a WeakMap: a closed, dropped connection takes its
// statements with it).
//
// A cached statement is shared: use it with get/run/all only, never change
// its mode (pluck, raw, expand) or iterate it while it may be iterated
// elsewhere. `scalar` is the pluck-mode variant, kept under its own key.

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>()

function cached(db: Database.Database, key: string, compile: () => Database.Statement): Database.Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let stmt = cache.get(key)
  if (!stmt) cache.set(key, (stmt = compile()))
  return stmt
}

/**
 * `sql` compiled once per connection. `Row` is what one row reads as,
 * declared once beside the SQL instead of cast at every `.get()`/`.all()`.
 */
export function statement<Row = unknown, Params extends unknown[] = unknown[]>(db: Database.Database, sql: string): Database.Statement<Params, Row> {
  return cached(db, `row\0${sql}`, () => db.prepare(sql)) as Database.Statement<Params, Row>
}

/** Like `statement`, for a query answering one value per row (pluck mode). */
export function scalar<Value, Params extends unknown[] = unknown[]>(db: Database.Database, sql: string): Database.Statement<Params, Value> {
  return cached(db, `value\0${sql}`, () => db.prepare(sql).pluck()) as Database.Statement<Params, Value>
}
