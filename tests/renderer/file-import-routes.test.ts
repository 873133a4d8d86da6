// @vitest-environment jsdom
// How the page hands a picked file to the core without encoding it itself:
// its path on the desktop, a streamed upload under `attest serve`.
import { afterEach, describe, expect, it } from 'vitest'
import { desktopPathOf, uploadToServer } from '../../renderer/src/api/client'
import { AttestError } from '../../shared/errors'
import { nth } from '../helpers/nth'

afterEach(() => {
  delete (window as unknown as { attest?: unknown }).attest
  window.sessionStorage.clear()
})

describe('desktopPathOf', () => {
  it('gives the path the preload knows for a file, and null for a file without one or outside the desktop', () => {
    const file = new File(['x'], 'report.pdf')
    expect(desktopPathOf(file)).toBeNull()
    ;(window as unknown as { attest: unknown }).attest = { platform: 'electron', pathForFile: (f: File) => (f === file ? '/home/me/report.pdf' : '') }
    expect(desktopPathOf(file)).toBe('/home/me/report.pdf')
    expect(desktopPathOf(new File(['y'], 'pasted.txt'))).toBeNull()
  })
})

describe('uploadToServer', () => {
  const recordingFetch = (answer: unknown) => {
    const calls: Array<{ url: string; init: RequestInit }> = []
    const fetchImpl = (async (url: string, init: RequestInit) => {
      calls.push({ url, init })
      return new Response(JSON.stringify(answer))
    }) as unknown as typeof fetch
    return { calls, fetchImpl }
  }

  it('without a serve token (desktop, in-memory clients) uploads nothing and says so with null', async () => {
    const { calls, fetchImpl } = recordingFetch({ ok: true, value: { uploadId: 'x' } })
    await expect(uploadToServer(new Blob(['a']), window.sessionStorage, fetchImpl)).resolves.toBeNull()
    expect(calls).toEqual([])
  })

  it('streams the file itself (not a base64 copy) with the token, and returns the upload id', async () => {
    window.sessionStorage.setItem('attest.token', 'tok123')
    const { calls, fetchImpl } = recordingFetch({ ok: true, value: { uploadId: 'a'.repeat(32) } })
    const file = new Blob(['%PDF-1.4 ...'])
    await expect(uploadToServer(file, window.sessionStorage, fetchImpl)).resolves.toBe('a'.repeat(32))
    expect(calls).toHaveLength(1)
    expect(nth(calls, 0).url).toBe('/api/upload')
    expect(nth(calls, 0).init.method).toBe('PUT')
    expect(nth(calls, 0).init.body).toBe(file)
    expect((nth(calls, 0).init.headers as Record<string, string>).Authorization).toBe('Bearer tok123')
  })

  it('a refused upload is the server’s error, with its code', async () => {
    window.sessionStorage.setItem('attest.token', 'tok123')
    const { fetchImpl } = recordingFetch({ ok: false, error: { code: 'FILE_TOO_LARGE', message: 'over the limit' } })
    const outcome = await uploadToServer(new Blob(['a']), window.sessionStorage, fetchImpl).catch((e: unknown) => e)
    expect(outcome).toBeInstanceOf(AttestError)
    expect((outcome as AttestError).code).toBe('FILE_TOO_LARGE')
  })
})
