import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export const MAX_RECENT = 10

/** The recent-archives list, most recent first, persisted as a JSON array in userData. */
export interface RecentArchives {
  list(): string[]
  /** Moves `path` to the front (deduplicated, capped at MAX_RECENT); returns the new list. */
  add(path: string): string[]
  remove(path: string): string[]
  clear(): string[]
}

function read(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    // A hand-edited or truncated file must not break startup: keep what is usable.
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string' && p.length > 0).slice(0, MAX_RECENT) : []
  } catch {
    return []
  }
}

function write(file: string, list: string[]): void {
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(list, null, 2) + '\n')
  renameSync(tmp, file)
}

export function createRecentArchives(file: string): RecentArchives {
  const save = (list: string[]) => {
    write(file, list)
    return list
  }
  return {
    list: () => read(file),
    add: (path) => save([path, ...read(file).filter((p) => p !== path)].slice(0, MAX_RECENT)),
    remove: (path) => save(read(file).filter((p) => p !== path)),
    clear: () => save([])
  }
}
