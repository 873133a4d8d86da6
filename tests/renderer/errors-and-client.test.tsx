// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { apiFrom, httpCall, takeToken } from '../../renderer/src/api/client'
import { plainError } from '../../renderer/src/errors/messages'
import { ErrorNotice } from '../../renderer/src/errors/error-notice'
import { AttestError, ERROR_CODES } from '../../shared/errors'
import { OPERATION_NAMES } from '../../shared/api/operation-names'
import { nth } from '../helpers/nth'

afterEach(cleanup)

describe('error messages', () => {
  it('every code has a plain sentence and an action', () => {
    for (const code of ERROR_CODES) {
      const e = plainError(new AttestError(code, 'raw'))
      expect(e.title.length, code).toBeGreaterThan(10)
      expect(e.action.length, code).toBeGreaterThan(10)
      expect(e.detail).toBe('raw')
    }
  })

  it('unknown throwables become INTERNAL with their message kept as detail', () => {
    expect(plainError(new TypeError('boom'))).toMatchObject({ code: 'INTERNAL', detail: 'boom' })
  })

  it('the notice says what failed, what it means, and what to do', () => {
    render(<ErrorNotice error={new AttestError('PDF_PASSWORD_REQUIRED', 'encrypted')} doing="Importing report.pdf" />)
    const text = screen.getByRole('alert').textContent
    expect(text).toContain('Importing report.pdf failed')
    expect(text).toContain('protected by a password')
    expect(text).toContain('PDF_PASSWORD_REQUIRED: encrypted')
  })

  it('shows the archive’s own sentence about the cause, not only a generic headline', () => {
    render(<ErrorNotice error={new AttestError('INVALID_ARGUMENT', '/tmp/out/troops.zip already exists; choose another name')} doing="Exporting" />)
    const cause = screen.getByRole('alert').querySelector('.error-cause')
    expect(cause?.textContent).toBe('/tmp/out/troops.zip already exists; choose another name')
  })

  it('keeps an internal fault’s message out of the headline (it is for bug reports)', () => {
    render(<ErrorNotice error={new TypeError('x is undefined')} />)
    expect(screen.getByRole('alert').querySelector('.error-cause')).toBeNull()
  })
})

describe('client', () => {
  it('has one function per operation, resolving values and rejecting with AttestError', async () => {
    const api = apiFrom(async (name) =>
      name === 'listReports' ? { ok: true, value: [] } : { ok: false, error: { code: 'NOT_FOUND', message: `no ${name}` } }
    )
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES].sort())
    await expect(api.listReports({})).resolves.toEqual([])
    await expect(api.getSnapshot({ snapshotId: 1 })).rejects.toMatchObject({ name: 'AttestError', code: 'NOT_FOUND', message: 'no getSnapshot' })
  })

  it('a transport failure is an IO_ERROR a person can act on', async () => {
    const api = apiFrom(async () => {
      throw new TypeError('Failed to fetch')
    })
    const err = await api.listSources({}).catch((e) => e)
    expect(err).toBeInstanceOf(AttestError)
    expect(plainError(err).action).toMatch(/server still running/)
  })

  it('HTTP: posts to /api/<op> with the bearer token; a non-JSON 401 becomes UNAUTHORIZED', async () => {
    const seen: { url: string; init: RequestInit }[] = []
    const fake = (async (url: string, init: RequestInit) => {
      seen.push({ url, init })
      return url.endsWith('listReports')
        ? new Response(JSON.stringify({ ok: true, value: [1] }))
        : new Response('nope', { status: 401, statusText: 'Unauthorized' })
    }) as unknown as typeof fetch
    const api = apiFrom(httpCall('tok123', fake))
    await expect(api.listReports({})).resolves.toEqual([1])
    expect(nth(seen, 0).url).toBe('/api/listReports')
    expect((nth(seen, 0).init.headers as Record<string, string>).Authorization).toBe('Bearer tok123')
    await expect(api.listSources({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
  })

  it('takes the token from the address bar once, keeps it for reloads and removes it from the URL', () => {
    window.history.replaceState(null, '', '/?token=secret#/report/1')
    expect(takeToken()).toBe('secret')
    expect(window.location.search).toBe('')
    expect(window.location.hash).toBe('#/report/1')
    expect(takeToken()).toBe('secret')
  })
})
