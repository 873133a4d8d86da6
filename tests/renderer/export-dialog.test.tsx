// @vitest-environment jsdom
// Issue 13, export: in the browser the bundle is downloaded (no server path is
// ever typed); on the desktop it is written to a path on this computer; every
// attempt clears what the last one said.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { httpDownloadBundle, type Client } from '../../renderer/src/api/client'
import { ExportDialog } from '../../renderer/src/features/report-review/export-dialog'
import { AttestError } from '../../shared/errors'
import { memoryClient } from './helpers/memory-client'
import { useTestingLibraryFakeTimers } from '../helpers/fake-timers'
import { nth } from '../helpers/nth'

// Timers are fake and waitFor drives them, so no wait here depends on how busy the machine is.
let realTimers: () => void = () => {}
beforeEach(() => {
  realTimers = useTestingLibraryFakeTimers()
})
afterEach(() => realTimers())
afterEach(cleanup)

const WAIT = { timeout: 5000 }
const zipResponse = () =>
  new Response(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), {
    headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="attest-report-1.zip"', 'X-Attest-Files': '14' }
  })
const errorResponse = (code: string, message: string) => new Response(JSON.stringify({ ok: false, error: { code, message } }), { headers: { 'Content-Type': 'application/json; charset=utf-8' } })

function browserDialog(answers: Array<() => Response>) {
  const seen: { url: string; init: RequestInit }[] = []
  const fake = (async (url: string, init: RequestInit) => {
    seen.push({ url, init })
    return nth(answers, Math.min(seen.length - 1, answers.length - 1))()
  }) as unknown as typeof fetch
  const saved: { blob: Blob; name: string }[] = []
  const { client } = memoryClient({})
  const browser: Client = { ...client, downloadBundle: httpDownloadBundle('tok', fake, (blob, name) => saved.push({ blob, name })) }
  render(
    <ClientProvider client={browser}>
      <ExportDialog reportId={1} onClose={() => {}} />
    </ClientProvider>
  )
  return { seen, saved }
}

describe('export in the browser', () => {
  it('asks for no path: the server sends the bundle and the browser saves it', async () => {
    const { seen, saved } = browserDialog([zipResponse])
    expect(screen.queryByLabelText(/Save to/)).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Download bundle (ZIP)' }))
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('Downloaded attest-report-1.zip (14 files, 6 bytes).'), WAIT)
    expect(nth(seen, 0).url).toBe('/api/download/bundle')
    expect((nth(seen, 0).init.headers as Record<string, string>).Authorization).toBe('Bearer tok')
    expect(JSON.parse(String(nth(seen, 0).init.body))).toEqual({ reportId: 1, claimReview: true })
    expect(saved.map((s) => [s.name, s.blob.size])).toEqual([['attest-report-1.zip', 6]])
  })

  it('sends a chosen signing key with the request, and says it is not kept', async () => {
    const { seen } = browserDialog([zipResponse])
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI...\n-----END PRIVATE KEY-----\n'
    fireEvent.change(screen.getByLabelText(/Sign with a key file/), { target: { files: [new File([pem], 'desk.pem')] } })
    await screen.findByText(/signed with desk\.pem; the key is used for this export only/, {}, WAIT)
    fireEvent.click(screen.getByRole('button', { name: 'Download bundle (ZIP)' }))
    await waitFor(() => expect(seen).toHaveLength(1), WAIT)
    expect(JSON.parse(String(nth(seen, 0).init.body))).toEqual({ reportId: 1, claimReview: true, signKeyPem: pem })
  })

  it('shows the server’s error, and a new attempt clears it', async () => {
    const { saved } = browserDialog([() => errorResponse('NOT_FOUND', 'No report 1.'), zipResponse])
    const button = screen.getByRole('button', { name: 'Download bundle (ZIP)' })
    fireEvent.click(button)
    const alert = await screen.findByRole('alert', {}, WAIT)
    expect(alert.textContent).toContain('Exporting failed')
    expect(alert.textContent).toContain('No report 1.')
    expect(saved).toEqual([])
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false), WAIT)
    fireEvent.click(button)
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toMatch(/^Downloaded/), WAIT)
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('export on the desktop', () => {
  it('writes to the path typed, and a later failure does not leave the earlier success line', async () => {
    let n = 0
    const { client, calls } = memoryClient({
      exportBundle: ({ path }) => {
        if (++n === 2) throw new AttestError('INVALID_ARGUMENT', `${path} already exists; choose another name or remove it first.`)
        return { path, format: 'zip', files: 14, bytes: 2048, payloadOxum: '1.1', signed: false }
      }
    })
    render(
      <ClientProvider client={{ ...client, platform: 'electron' }}>
        <ExportDialog reportId={1} onClose={() => {}} />
      </ClientProvider>
    )
    fireEvent.change(screen.getByLabelText(/Save to/), { target: { value: '/home/me/b.zip' } })
    fireEvent.click(screen.getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(screen.getByTestId('export-status').textContent).toBe('Exported 14 files (2048 bytes) to /home/me/b.zip.'), WAIT)
    expect(nth(calls, 0).input).toEqual({ reportId: 1, path: '/home/me/b.zip', format: 'zip', claimReview: true })
    fireEvent.click(screen.getByRole('button', { name: 'Export' }))
    const alert = await screen.findByRole('alert', {}, WAIT)
    expect(alert.querySelector('.error-cause')?.textContent).toContain('already exists')
    expect(screen.getByTestId('export-status').textContent).toBe('')
  })
})

describe('httpDownloadBundle', () => {
  it('turns a server that cannot be reached into an IO_ERROR', async () => {
    const down = httpDownloadBundle('t', (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch, vi.fn())
    await expect(down({ reportId: 1 })).rejects.toMatchObject({ code: 'IO_ERROR' })
  })
})
