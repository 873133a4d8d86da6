import { describeHostileWebArchives } from './hostile-web-archives'

// Hostile web archives against the real `attest` process: one case of each
// kind (records lying about their length, compression bombs, WACZ
// directories, sheer number of records), picked by a fixed seed. Every case
// runs in import-web-archive-hostile.exhaustive.test.ts (CI runs it).
describeHostileWebArchives({ seed: 2 })
