// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useState } from 'react'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { SourceCaptureActions } from '../../renderer/src/features/capture/source-capture-actions'
import { SourceCaptureDialog, useSourceActions } from '../../renderer/src/features/capture/use-source-actions'
import { CapturePageBox } from '../../renderer/src/features/capture/capture-page-box'
import { normalizeAddress } from '../../renderer/src/features/capture/capture-errors'
import type { CaptureSummary, ImportSummary } from '../../shared/api/types'
import type { SourceWithSnapshots } from '../../shared/model'
import { AttestError } from '../../shared/errors'
import { memoryClient } from './helpers/memory-client'

afterEach(cleanup)

const CNN: SourceWithSnapshots = {
  id: 7, uid: 'u7', externalId: 'cnn-2025-01-22', kind: 'secondary', title: 'Trump sends troops to the border', publisher: 'CNN', authors: [],
  url: 'https://edition.cnn.com/2025/01/22/politics/troops-border', published: null, identifiers: {}, notes: null, extra: {}, createdAt: '',
  createdBy: 'tester', updatedAt: '', captured: false, snapshots: []
}

const SUMMARY: CaptureSummary = {
  created: true, sourceId: 7, sourceLabel: 'Trump sends troops to the border', snapshotId: 31, sha256: 'c'.repeat(64), reportId: null, sentences: null,
  warnings: ['2 images were larger than the limit and were cut'], requestedUrl: CNN.url!, finalUrl: CNN.url!, capturedAt: '2026-01-03T10:00:00Z',
  httpStatus: 200, browser: 'Chromium 1 via playwright-core', exchanges: 14, relinked: { same: 3, moved: 0, changed: 1, missing: 1 }
}

/** The home's arrangement: state held above the table, rows rebuilt on every reload (here: every `onChanged`). */
function Home({ onChanged, onOpenSnapshot }: { onChanged: () => void; onOpenSnapshot: (id: number) => void }) {
  const [reloads, setReloads] = useState(0)
  const actions = useSourceActions(() => {
    onChanged()
    setReloads((n) => n + 1)
  }, onOpenSnapshot)
  return (
    <>
      <table>
        <tbody>
          <tr key={reloads}>
            <td>
              <SourceCaptureActions source={CNN} actions={actions} />
            </td>
          </tr>
        </tbody>
      </table>
      <SourceCaptureDialog actions={actions} />
    </>
  )
}

function renderActions(handlers: Parameters<typeof memoryClient>[0]) {
  const { client, calls } = memoryClient(handlers)
  const onChanged = vi.fn()
  const onOpenSnapshot = vi.fn()
  render(
    <ClientProvider client={client}>
      <Home onChanged={onChanged} onOpenSnapshot={onOpenSnapshot} />
    </ClientProvider>
  )
  return { calls, onChanged, onOpenSnapshot }
}

describe('Add snapshot…', () => {
  it('sends the chosen file to the source as base64 and says what was added, even after the table reloads', async () => {
    const added: ImportSummary = { created: true, sourceId: 7, sourceLabel: 'CNN', snapshotId: 30, sha256: 'd'.repeat(64), reportId: null, sentences: null, warnings: [] }
    const { calls, onChanged, onOpenSnapshot } = renderActions({ addSnapshot: () => added })
    const input = screen.getByLabelText('Add a snapshot file to Trump sends troops to the border') as HTMLInputElement
    const file = new File(['<p>Saved page</p>'], 'cnn.html', { type: 'text/html' })
    fireEvent.change(input, { target: { files: [file] } })
    const status = await screen.findByTestId('snapshot-added')
    expect(status.textContent).toContain('Added cnn.html as snapshot #30.')
    expect(calls.find((c) => c.name === 'addSnapshot')?.input).toEqual({ sourceId: 7, name: 'cnn.html', base64: Buffer.from('<p>Saved page</p>').toString('base64') })
    expect(onChanged).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByRole('button', { name: 'Open it' }))
    expect(onOpenSnapshot).toHaveBeenCalledWith(30)
  })

  it('offers Word documents, e-mails and images in the file picker, beside PDF, HTML and text', () => {
    renderActions({})
    const accept = (screen.getByLabelText(/Add a snapshot file/) as HTMLInputElement).accept.split(',')
    expect(accept).toEqual(expect.arrayContaining(['.pdf', '.html', '.txt', '.md', '.docx', '.eml', '.mbox', '.png', '.jpg', '.tif']))
  })

  it('shows a refused file as a plain error', async () => {
    renderActions({ addSnapshot: () => { throw new AttestError('UNSUPPORTED_TYPE', 'x.bin is not PDF, HTML or text.') } })
    fireEvent.change(screen.getByLabelText(/Add a snapshot file/), { target: { files: [new File(['\x00\x01'], 'x.bin')] } })
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('Adding x.bin failed')
    expect(alert.textContent).toContain('Attest cannot read this kind of file.')
  })
})

describe('Capture page…', () => {
  it('opens a dialog with the source’s address, shows progress, then the outcome with changed links and warnings', async () => {
    let release: (v: CaptureSummary) => void = () => {}
    const { calls, onChanged, onOpenSnapshot } = renderActions({ captureUrl: () => new Promise<CaptureSummary>((r) => (release = r)) })
    fireEvent.click(screen.getByRole('button', { name: 'Capture page… (the web page of Trump sends troops to the border)' }))
    const dialog = screen.getByRole('dialog', { name: 'Capture “Trump sends troops to the border”' })
    const field = screen.getByLabelText('Web address') as HTMLInputElement
    expect(field.value).toBe(CNN.url)
    expect(document.activeElement).toBe(field)
    fireEvent.click(screen.getByRole('button', { name: 'Capture' }))
    expect((await screen.findByText(/Opening the page in a browser/)).closest('[role="status"]')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Capturing…' }) as HTMLButtonElement).disabled).toBe(true)
    expect(calls.find((c) => c.name === 'captureUrl')?.input).toEqual({ url: CNN.url, sourceId: 7 })
    release(SUMMARY)
    const outcome = await screen.findByTestId('capture-outcome')
    expect(outcome.textContent).toContain('as snapshot #31')
    expect(outcome.textContent).toContain('14 requests recorded')
    expect(outcome.textContent).toContain('2 linked passages read differently')
    expect(outcome.textContent).toContain('2 images were larger than the limit')
    expect(onChanged).toHaveBeenCalledTimes(1)
    fireEvent.click(screen.getByRole('button', { name: 'Open the capture' }))
    expect(onOpenSnapshot).toHaveBeenCalledWith(31)
    expect(dialog.isConnected).toBe(false)
  })

  it('says plainly when the computer is offline, leading with the reason, and Escape closes', async () => {
    renderActions({
      captureUrl: () => {
        throw new AttestError('IO_ERROR', 'Could not reach edition.cnn.com: this computer seems to be offline (or the address is wrong). Nothing was captured.')
      }
    })
    fireEvent.click(screen.getByRole('button', { name: /Capture page… \(the web page/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Capture' }))
    const alert = await screen.findByRole('alert')
    expect(alert.querySelector('.error-title')!.textContent).toBe('Capturing failed: Could not reach edition.cnn.com: this computer seems to be offline (or the address is wrong). Nothing was captured.')
    expect(alert.textContent).toContain('Check the address and that this computer is online')
    // Not the generic "could not reach the archive" wording.
    expect(alert.textContent).not.toContain('Attest server')
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('explains a missing Chromium without telling the user to check the connection', async () => {
    renderActions({
      captureUrl: () => {
        throw new AttestError('IO_ERROR', 'Capturing web pages needs Chromium or Google Chrome installed on this computer, and neither was found. Install one (on Debian or Ubuntu: sudo apt install chromium), or set ATTEST_CHROMIUM to its path, then capture again.')
      }
    })
    fireEvent.click(screen.getByRole('button', { name: /Capture page… \(the web page/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Capture' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('sudo apt install chromium')
    expect(alert.textContent).not.toContain('online')
  })
})

describe('the Web page box on the archive home', () => {
  it('captures a new address (a bare host means https) and reports it', async () => {
    const { client, calls } = memoryClient({ captureUrl: ({ url }) => ({ ...SUMMARY, requestedUrl: url, finalUrl: url, relinked: { same: 0, moved: 0, changed: 0, missing: 0 }, warnings: [] }) })
    const onCaptured = vi.fn()
    render(
      <ClientProvider client={client}>
        <CapturePageBox onCaptured={onCaptured} onOpenSnapshot={() => {}} />
      </ClientProvider>
    )
    expect(screen.getByRole('region', { name: 'Web page' })).toBeTruthy()
    const capture = screen.getByRole('button', { name: 'Capture' }) as HTMLButtonElement
    expect(capture.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Web address'), { target: { value: 'example.org/story' } })
    fireEvent.click(capture)
    await screen.findByTestId('capture-outcome')
    expect(calls.find((c) => c.name === 'captureUrl')?.input).toEqual({ url: 'https://example.org/story' })
    await waitFor(() => expect(onCaptured).toHaveBeenCalledTimes(1))
    expect(screen.getByTestId('capture-outcome').textContent).not.toContain('linked passage')
  })

  it('normalises addresses without guessing at other schemes', () => {
    expect(normalizeAddress(' example.org/a ')).toBe('https://example.org/a')
    expect(normalizeAddress('localhost:8080/a')).toBe('https://localhost:8080/a')
    expect(normalizeAddress('http://127.0.0.1:9/a')).toBe('http://127.0.0.1:9/a')
    expect(normalizeAddress('file:///etc/passwd')).toBe('file:///etc/passwd')
    expect(normalizeAddress('javascript:alert(1)')).toBe('javascript:alert(1)')
  })
})
