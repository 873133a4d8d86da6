import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A throw-away PostgreSQL cluster for one test file: initdb into a temp dir,
// pg_ctl on a free 127.0.0.1 port (socket in the same dir), stopped and
// removed by stop(). PostgreSQL refuses to run as root, so as root (CI) every
// server command runs as the `postgres` user through runuser; as any other user
// the server simply runs as that user. Nothing is skipped: without PostgreSQL
// the helper throws one message saying what to install.

export interface PgCluster {
  /** postgres://postgres:…@127.0.0.1:PORT/postgres — a superuser over TCP (scram-sha-256). */
  url: string
  host: string
  port: number
  superPassword: string
  /** The cluster's own directory (owned by the server's user). */
  dir: string
  /** A URL for another role and database on this cluster. */
  urlFor(role: string, password: string, database?: string, query?: string): string
  /** Writes a file the server reads (e.g. a TLS key), owned by the server's user, mode 0600. */
  writeServerFile(name: string, contents: string | Buffer): string
  /** Re-reads the configuration (and TLS files) without a restart. */
  reload(): void
  /** Stops the server, keeping its files (a hub that goes away mid-sync)… */
  stopServer(): void
  /** …and starts it again on the same port. */
  startServer(): Promise<void>
  stop(): void
}

export interface PgClusterOptions {
  /** Extra server settings (postgresql.conf lines), e.g. { ssl: 'on' }. */
  settings?: Record<string, string>
  /** Files written into the cluster dir before start (names relative to it). */
  files?: Record<string, string | Buffer>
}

const NOT_INSTALLED =
  'PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or on PATH: ' +
  'install the Debian package `postgresql` (CI does in .ci/run), or set PG_BIN to the directory holding them'

/** The newest installed server's bin dir (PG_BIN wins). */
export function findPgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a))
    const [newest] = versions
    if (newest !== undefined) return join(root, newest, 'bin')
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' })
  if (which.status === 0 && which.stdout.trim()) return join(which.stdout.trim(), '..')
  throw new Error(NOT_INSTALLED)
}

interface ServerUser {
  /** Prefix for every server command. */
  wrap(cmd: string, args: string[]): [string, string[]]
  own(path: string): void
}

function serverUser(): ServerUser {
  if (process.getuid?.() !== 0) return { wrap: (cmd, args) => [cmd, args], own: () => undefined }
  let uid: number
  let gid: number
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
  } catch {
    throw new Error(`running as root, but there is no \`postgres\` user to run the server as: ${NOT_INSTALLED}`)
  }
  return { wrap: (cmd, args) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]], own: (path) => chownSync(path, uid, gid) }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function run(user: ServerUser, bin: string, tool: string, args: string[], what: string): string {
  const [cmd, argv] = user.wrap(join(bin, tool), args)
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: 120_000 })
  if (r.error) throw new Error(`${what} could not run (${cmd}): ${r.error.message}`)
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim()}`)
  return r.stdout
}

/** Starts a fresh cluster; share one per test file (beforeAll / afterAll). */
export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const bin = findPgBin()
  const user = serverUser()
  const dir = mkdtempSync(join(tmpdir(), 'attest-pg-'))
  user.own(dir)
  const data = join(dir, 'data')
  const superPassword = randomBytes(12).toString('hex')
  const pwfile = join(dir, 'pwfile')
  writeFileSync(pwfile, superPassword + '\n', { mode: 0o600 })
  user.own(pwfile)
  const cluster = { stopped: false }
  try {
    run(user, bin, 'initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '-A', 'scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], 'initdb')
    rmSync(pwfile)
    const writeServerFile = (name: string, contents: string | Buffer): string => {
      const path = join(dir, name)
      writeFileSync(path, contents, { mode: 0o600 })
      chmodSync(path, 0o600)
      user.own(path)
      return path
    }
    for (const [name, contents] of Object.entries(options.files ?? {})) writeServerFile(name, contents)
    const port = await freePort()
    const settings = { listen_addresses: "'127.0.0.1'", port: String(port), unix_socket_directories: `'${dir}'`, fsync: 'off', max_connections: '50', ...quoteSettings(options.settings ?? {}) }
    const conf = readFileSync(join(data, 'postgresql.conf'), 'utf8')
    writeFileSync(join(data, 'postgresql.conf'), conf + '\n' + Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n')
    run(user, bin, 'pg_ctl', ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60'], 'pg_ctl start')
    await waitReady(user, bin, dir, port)
    const host = '127.0.0.1'
    return {
      url: `postgres://postgres:${superPassword}@${host}:${port}/postgres`,
      host,
      port,
      superPassword,
      dir,
      urlFor: (role, password, database = 'postgres', query = '') =>
        `postgres://${encodeURIComponent(role)}:${encodeURIComponent(password)}@${host}:${port}/${database}${query ? `?${query}` : ''}`,
      writeServerFile,
      reload: () => void run(user, bin, 'pg_ctl', ['reload', '-D', data], 'pg_ctl reload'),
      stopServer: () => void run(user, bin, 'pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '60'], 'pg_ctl stop'),
      async startServer() {
        run(user, bin, 'pg_ctl', ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60'], 'pg_ctl start')
        await waitReady(user, bin, dir, port)
      },
      stop() {
        if (cluster.stopped) return
        cluster.stopped = true
        try {
          run(user, bin, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w', '-t', '60'], 'pg_ctl stop')
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      }
    }
  } catch (err) {
    const log = join(dir, 'server.log')
    const tail = existsSync(log) ? `\nserver log:\n${readFileSync(log, 'utf8').slice(-2000)}` : ''
    spawnSync(...user.wrap(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate']))
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`${(err as Error).message}${tail}`)
  }
}

function quoteSettings(settings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, /^[A-Za-z0-9_.]+$/.test(v) ? v : `'${v.replace(/'/g, "''")}'`]))
}

/** pg_ctl -w already waited; this bounds the rare case where TCP lags the socket. */
async function waitReady(user: ServerUser, bin: string, dir: string, port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [cmd, argv] = user.wrap(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'])
    if (spawnSync(cmd, argv).status === 0) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`PostgreSQL in ${dir} did not accept connections on 127.0.0.1:${port} within 10 s`)
}
