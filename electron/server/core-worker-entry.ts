// Where the core worker's code is: out/cli/core-worker.mjs beside the built
// CLI, or bundled from electron/server/core-worker.ts when running from
// sources (see electron/core/worker-entry.ts).
import { workerEntry } from '../core/worker-entry'

export function coreWorkerEntry(): Promise<string> {
  return workerEntry('core-worker')
}
