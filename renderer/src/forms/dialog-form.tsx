// A form shown as a dialog, in the two ways the app has: a modal over the
// screen (export, citations) or inline under what it edits (a source's
// details, a link). Escape closes either.
import type { FormEvent, KeyboardEvent, ReactNode } from 'react'

interface Common {
  onClose: () => void
  onSubmit: (event: FormEvent) => void
  children: ReactNode
}

/** Over a backdrop, named by its heading. */
export function ModalForm({ labelledBy, onClose, onSubmit, children }: Common & { labelledBy: string }) {
  return (
    <div className="modal-backdrop">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby={labelledBy} onKeyDown={(e) => e.key === 'Escape' && onClose()} onSubmit={onSubmit}>
        {children}
      </form>
    </div>
  )
}

/** In the page, under what it edits. Its Escape stops here: it closes this form, not the screen around it. */
export function InlineDialogForm({ label, className, onClose, onSubmit, children }: Common & { label: string; className?: string }) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation()
      onClose()
    }
  }
  return (
    <form className={className ? `inline-dialog ${className}` : 'inline-dialog'} role="dialog" aria-label={label} onKeyDown={onKeyDown} onSubmit={onSubmit}>
      {children}
    </form>
  )
}

/** An inline form's buttons: the one that saves (primary, or danger for a removal), and Cancel. */
export function SaveOrCancel({ label, disabled, danger, onCancel }: { label: string; disabled: boolean; danger?: boolean; onCancel: () => void }) {
  return (
    <div className="dialog-buttons">
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={disabled}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  )
}
