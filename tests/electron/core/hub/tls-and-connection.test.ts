// Connecting to a hub: TLS with sslmode=verify-full against a CA made here
// with the openssl CLI, and the one clear error for each way it goes wrong.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHub } from '../../../../electron/core/hub/hub'
import { startPgCluster } from '../../../helpers/pg-cluster'
import { tempDir } from '../../../helpers/temp-archive'
import { startTestHub, type TestHub } from './fixture'

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' })
}

/** A CA, and a function to issue server certificates for given subjectAltNames. */
function makeCa(dir: string, name: string) {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2', '-subj', `/CN=${name}`], dir)
  return {
    certPath: join(dir, `${name}.crt`),
    issue(file: string, altNames: string) {
      writeFileSync(join(dir, `${file}.ext`), `subjectAltName=${altNames}\n`)
      openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${file}.key`, '-out', `${file}.csr`, '-subj', '/CN=attest-hub'], dir)
      openssl(['x509', '-req', '-in', `${file}.csr`, '-CA', `${name}.crt`, '-CAkey', `${name}.key`, '-CAcreateserial', '-out', `${file}.crt`, '-days', '2', '-extfile', `${file}.ext`], dir)
      return { cert: readFileSync(join(dir, `${file}.crt`)), key: readFileSync(join(dir, `${file}.key`)) }
    }
  }
}

describe('connecting to a hub', () => {
  const dir = tempDir('attest-tls-')
  let hub: TestHub
  let ca: ReturnType<typeof makeCa>
  let otherCa: ReturnType<typeof makeCa>
  let memberUrl: string
  const withTls = (mode: string, rootcert: string, host = '127.0.0.1') =>
    memberUrl.replace('127.0.0.1', host) + `?sslmode=${mode}&sslrootcert=${encodeURIComponent(rootcert)}`

  beforeAll(async () => {
    ca = makeCa(dir.path, 'team-ca')
    otherCa = makeCa(dir.path, 'other-ca')
    const server = ca.issue('server', 'IP:127.0.0.1,DNS:hub.test')
    hub = await startTestHub({
      files: { 'server.crt': server.cert, 'server.key': server.key },
      settings: { ssl: 'on', ssl_cert_file: '../server.crt', ssl_key_file: '../server.key' }
    })
    memberUrl = await hub.member('ana', { displayName: 'Ana' })
  })
  afterAll(async () => {
    await hub?.stop()
    dir.cleanup()
  })

  it('sslmode=verify-full with the team CA connects, over TLS', async () => {
    const h = await openHub(withTls('verify-full', ca.certPath))
    try {
      expect((await h.whoami()).role).toBe('ana')
    } finally {
      await h.close()
    }
    // The server's own view of an equivalent connection: encrypted.
    const c = new pg.Client({ connectionString: hub.ownerUrl, ssl: { ca: readFileSync(ca.certPath, 'utf8') } })
    await c.connect()
    const [row] = (await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows
    await c.end()
    expect(row.ssl).toBe(true)
  })

  it('refuses a server whose certificate comes from another CA', async () => {
    await expect(openHub(withTls('verify-full', otherCa.certPath))).rejects.toMatchObject({ code: 'HUB_TLS_FAILED', message: expect.stringContaining('sslrootcert') })
    await expect(openHub(withTls('verify-ca', otherCa.certPath))).rejects.toMatchObject({ code: 'HUB_TLS_FAILED' })
  })

  it('refuses a certificate from the right CA that names another host (verify-full), which verify-ca would accept', async () => {
    const elsewhere = ca.issue('elsewhere', 'DNS:hub.example.org')
    hub.cluster.writeServerFile('server.crt', elsewhere.cert)
    hub.cluster.writeServerFile('server.key', elsewhere.key)
    hub.cluster.reload()
    // The server re-reads its certificate on reload, a moment later: wait (bounded) until it serves the new one.
    let error: unknown
    for (let i = 0; i < 100 && !error; i++) {
      try {
        await (await openHub(withTls('verify-full', ca.certPath))).close()
        await new Promise((r) => setTimeout(r, 100))
      } catch (err) {
        error = err
      }
    }
    expect(error).toMatchObject({ code: 'HUB_TLS_FAILED', message: expect.stringMatching(/127\.0\.0\.1|altnames|host/i) })
    const h = await openHub(withTls('verify-ca', ca.certPath))
    await h.close()
  })

  it('a missing CA file, a wrong password, a closed port, an unknown database and a bad URL each get one clear error', async () => {
    await expect(openHub(withTls('verify-full', join(dir.path, 'nope.crt')))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('nope.crt') })
    await expect(openHub(memberUrl.replace('ana-secret', 'wrong-password'))).rejects.toMatchObject({ code: 'HUB_AUTH_FAILED' })
    const gone = await startPgCluster()
    const closedUrl = gone.url
    gone.stop()
    await expect(openHub(closedUrl)).rejects.toMatchObject({ code: 'HUB_UNREACHABLE' })
    await expect(openHub(memberUrl.replace(/\/postgres$/, '/nosuchdb'))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('database') })
    await expect(openHub('http://example.org/')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    await expect(openHub(memberUrl + '?sslmode=sometimes')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })
})
