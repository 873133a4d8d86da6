// The floating "Link to sentence N as…" control. Each viewer supplies how a
// DOM selection inside it becomes snapshot offsets; this component only
// tracks the selection, places the control and calls back.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { RELATIONS, type Relation } from '../../../../shared/model'
import { ErrorNotice } from '../../errors/error-notice'
import type { CodePointRange } from './selection-offsets'
import { abbreviate } from '../../text/abbreviate'
import { startPassage, stepPassage } from './keyboard-passage'

export interface LinkTarget {
  /** How the sentence is named to the user, e.g. "sentence 13". */
  label: string
  onLink: (range: CodePointRange, relation: Relation) => Promise<void>
}

interface Props {
  target: LinkTarget | null
  resolve: (selection: Selection, root: HTMLElement) => CodePointRange | null
  /** The code-point text the range covers, to show what will be linked. */
  preview: (range: CodePointRange) => string
  children: ReactNode
  className?: string
}

interface Pending {
  range: CodePointRange
  top: number
  left: number
}

export function SelectionLinker({ target, resolve, preview, children, className }: Props) {
  const rootRef = useRef<HTMLDivElement>(null)
  const [pending, setPending] = useState<Pending | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const [unmatched, setUnmatched] = useState(false)

  const update = useCallback(() => {
    const root = rootRef.current
    const sel = window.getSelection()
    if (!root || !sel || sel.rangeCount === 0 || sel.isCollapsed) return
    const r = sel.getRangeAt(0)
    if (!root.contains(r.commonAncestorContainer)) return
    const range = resolve(sel, root)
    setUnmatched(!range)
    if (!range) {
      setPending(null)
      return
    }
    const box = r.getBoundingClientRect()
    const outer = root.getBoundingClientRect()
    // keep the control inside the viewer even when the selection ends at its right edge
    const left = Math.max(0, Math.min(box.left - outer.left, root.clientWidth - 360))
    setPending({ range, top: box.bottom - outer.top + root.scrollTop + 6, left })
    setError(null)
  }, [resolve])

  useEffect(() => {
    // keyboard selections (shift+arrows) count as much as mouse ones
    const onChange = () => {
      const sel = window.getSelection()
      const root = rootRef.current
      if (sel && root && !sel.isCollapsed && root.contains(sel.anchorNode)) update()
    }
    document.addEventListener('selectionchange', onChange)
    return () => document.removeEventListener('selectionchange', onChange)
  }, [update])

  const close = () => {
    setPending(null)
    setUnmatched(false)
  }

  const linkAs = async (relation: Relation) => {
    if (!pending || !target || busy) return
    setBusy(true)
    try {
      await target.onLink(pending.range, relation)
      close()
      window.getSelection()?.removeAllRanges()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const linkRef = useRef(linkAs)
  linkRef.current = linkAs

  // Enter with a selection open links the selection (as the first relation),
  // never the review's top suggestion; a focused button keeps its own Enter.
  const open = Boolean(pending && target)
  useEffect(() => {
    if (!open) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
      const t = e.target
      if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(t.tagName))) return
      e.preventDefault()
      void linkRef.current(RELATIONS[0])
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [open])

  return (
    <div
      ref={rootRef}
      className={`selection-root ${className ?? ''}`}
      // a scrolling region must be reachable by keyboard (to scroll, and to select with Shift+arrows)
      tabIndex={0}
      role="region"
      aria-label="Source text: select a passage to link it (by keyboard: v, then the arrow keys)"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && (pending || unmatched)) {
          e.stopPropagation()
          close()
          window.getSelection()?.removeAllRanges()
          return
        }
        // Passage selection by keyboard (keyboard-passage.ts), while the text region itself has focus.
        const root = rootRef.current
        if (!root || e.target !== root || e.altKey || e.ctrlKey || e.metaKey) return
        const handled = e.key === 'v' ? startPassage(root) : stepPassage(root, e.key, e.shiftKey)
        if (handled) {
          e.preventDefault()
          e.stopPropagation()
        }
      }}
    >
      {children}
      {unmatched ? (
        <p className="link-popover muted" role="status">
          This selection does not match the snapshot’s extracted text; use the Text tab to select it.
        </p>
      ) : null}
      {pending ? (
        <div
          className="link-popover"
          role="dialog"
          aria-label="Link the selected passage"
          style={{ top: pending.top, left: pending.left }}
          // keep the text selection alive while the user clicks a button
          onMouseDown={(e) => e.preventDefault()}
        >
          <p className="popover-preview">
            <q>{truncate(preview(pending.range))}</q>
          </p>
          {target ? (
            <div role="group" aria-label={`Link to ${target.label} as`} className="popover-buttons">
              <span>Link to {target.label} as</span>
              {RELATIONS.map((r) => (
                <button
                  key={r}
                  type="button"
                  disabled={busy}
                  className={`relation-button relation-${r}`}
                  onClick={() => void linkAs(r)}
                >
                  {r}
                  {r === RELATIONS[0] ? <kbd className="hint-key">Enter</kbd> : null}
                </button>
              ))}
              <button type="button" aria-label="Close" onClick={close}>
                ×
              </button>
            </div>
          ) : (
            <p className="muted small">Open a report and select a sentence to link this passage.</p>
          )}
          {error ? <ErrorNotice error={error} doing="Linking the passage" onDismiss={() => setError(null)} /> : null}
        </div>
      ) : null}
    </div>
  )
}

function truncate(s: string): string {
  return abbreviate(s, 70, 50)
}
