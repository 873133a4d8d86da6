// @vitest-environment jsdom
// Issue 13, "missing": the user's name ("working as root") changed from the UI.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ClientProvider } from '../../renderer/src/api/client-context'
import { UserName } from '../../renderer/src/features/settings/user-name'
import { AttestError } from '../../shared/errors'
import { memoryClient } from './helpers/memory-client'

afterEach(cleanup)

describe('working as …', () => {
  it('changes the name recorded with every action, and tells the screen to reload it', async () => {
    const { client, calls } = memoryClient({ setUserName: ({ name }) => ({ userName: name }) })
    const onChanged = vi.fn()
    render(
      <ClientProvider client={client}>
        <UserName name="root" onChanged={onChanged} />
      </ClientProvider>
    )
    fireEvent.click(screen.getByRole('button', { name: /working as root/ }))
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement
    expect(save.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Working as'), { target: { value: '  Ana Ruiz ' } })
    fireEvent.click(save)
    await waitFor(() => expect(onChanged).toHaveBeenCalledOnce())
    expect(calls.map((c) => c.input)).toEqual([{ name: 'Ana Ruiz' }])
  })

  it('keeps the form and what was typed when the archive refuses', async () => {
    const { client } = memoryClient({
      setUserName: () => {
        throw new AttestError('ARCHIVE_READ_ONLY', 'The archive is read-only.')
      }
    })
    render(
      <ClientProvider client={client}>
        <UserName name="root" onChanged={() => {}} />
      </ClientProvider>
    )
    fireEvent.click(screen.getByRole('button', { name: /working as root/ }))
    fireEvent.change(screen.getByLabelText('Working as'), { target: { value: 'Ana' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Changing your name failed')
    expect((screen.getByLabelText('Working as') as HTMLInputElement).value).toBe('Ana')
  })
})
