// @vitest-environment jsdom
// The dialog forms' shared part (renderer/src/forms): one async action per
// submit, busy while it runs, its failure kept; Escape closes, and an inline
// form's Escape goes no further than the form.
import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { InlineDialogForm, ModalForm, SaveOrCancel } from '../../renderer/src/forms/dialog-form'
import { useFormAction } from '../../renderer/src/forms/use-form-action'
import { nth } from '../helpers/nth'

afterEach(cleanup)

/** A promise the test settles by hand, so nothing here waits on time. */
function deferred() {
  let resolve = () => {}
  let reject: (err: unknown) => void = () => {}
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

function Probe({ action, enabled, inline, onClose }: { action: () => Promise<void>; enabled?: boolean; inline?: boolean; onClose: () => void }) {
  const form = useFormAction()
  const body = (
    <>
      <input aria-label="field" />
      <button type="submit">Save</button>
      <p data-testid="state">{form.busy ? 'busy' : 'idle'}</p>
      <p data-testid="error">{form.error instanceof Error ? form.error.message : ''}</p>
    </>
  )
  return inline ? (
    <InlineDialogForm label="Edit" onClose={onClose} onSubmit={form.onSubmit(action, enabled)}>
      {body}
    </InlineDialogForm>
  ) : (
    <ModalForm labelledBy="t" onClose={onClose} onSubmit={form.onSubmit(action, enabled)}>
      <h2 id="t">Export</h2>
      {body}
    </ModalForm>
  )
}

describe('a dialog form', () => {
  it('is busy while its action runs, then keeps the failure, and clears it on the next attempt', async () => {
    const attempts = [deferred(), deferred()]
    let calls = 0
    render(<Probe action={() => nth(attempts, calls++).promise} onClose={() => {}} />)
    fireEvent.submit(screen.getByRole('dialog', { name: 'Export' }))
    expect(screen.getByTestId('state').textContent).toBe('busy')
    await act(async () => nth(attempts, 0).reject(new Error('disk full')))
    expect(screen.getByTestId('state').textContent).toBe('idle')
    expect(screen.getByTestId('error').textContent).toBe('disk full')
    fireEvent.submit(screen.getByRole('dialog', { name: 'Export' }))
    expect(screen.getByTestId('error').textContent).toBe('')
    await act(async () => nth(attempts, 1).resolve())
    expect(screen.getByTestId('state').textContent).toBe('idle')
    expect(calls).toBe(2)
  })

  it('does not run its action while it is not enabled', () => {
    let calls = 0
    render(<Probe action={async () => void calls++} enabled={false} onClose={() => {}} />)
    fireEvent.submit(screen.getByRole('dialog', { name: 'Export' }))
    expect(calls).toBe(0)
    expect(screen.getByTestId('state').textContent).toBe('idle')
  })

  it('closes on Escape; a modal lets the key on, an inline form keeps it', () => {
    const seen: string[] = []
    const onDocument = (e: KeyboardEvent) => seen.push(e.key)
    document.addEventListener('keydown', onDocument)
    try {
      let closed = 0
      const { unmount } = render(<Probe action={async () => {}} onClose={() => closed++} />)
      fireEvent.keyDown(screen.getByRole('textbox', { name: 'field' }), { key: 'Escape' })
      expect(closed).toBe(1)
      expect(seen).toEqual(['Escape'])
      unmount()
      render(<Probe inline action={async () => {}} onClose={() => closed++} />)
      expect(screen.getByRole('dialog', { name: 'Edit' }).className).toBe('inline-dialog')
      fireEvent.keyDown(screen.getByRole('textbox', { name: 'field' }), { key: 'Escape' })
      expect(closed).toBe(2)
      expect(seen).toEqual(['Escape'])
    } finally {
      document.removeEventListener('keydown', onDocument)
    }
  })
})

describe('an inline form’s buttons', () => {
  it('submit with the saving label (danger for a removal), and Cancel closes without submitting', () => {
    let submitted = 0
    let cancelled = 0
    render(
      <form onSubmit={(e) => (e.preventDefault(), submitted++)}>
        <SaveOrCancel label="Remove link" danger disabled={false} onCancel={() => cancelled++} />
      </form>
    )
    expect(screen.getByRole('button', { name: 'Remove link' }).className).toBe('danger')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect([submitted, cancelled]).toEqual([0, 1])
    fireEvent.click(screen.getByRole('button', { name: 'Remove link' }))
    expect(submitted).toBe(1)
  })
})
