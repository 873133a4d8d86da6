// The review keyboard map. Keys act only when the user is not typing, so a
// note or a search box never turns "1" into a status change.
import { useEffect, useRef } from 'react'
import type { ReviewStatus } from '../../../../shared/model'
import { statusByKey } from './status-meta'

export interface ReviewKeyActions {
  next: () => void
  prev: () => void
  setStatus: (status: ReviewStatus) => void
  acceptTop: () => void
  focusSearch: () => void
  undo: () => void
  /** Jump to the next (or previous) open sentence, unbacked one (shortcuts.ts: UNBACKED) or one whose checks flag something. */
  jump: (kind: JumpKind, step: 1 | -1) => void
  showHelp: () => void
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Enter belongs to buttons and links when they have focus. */
function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (['BUTTON', 'A', 'SUMMARY'].includes(target.tagName) || target.getAttribute('role') === 'tab')
}

export type JumpKind = 'open' | 'unbacked' | 'flagged'

const JUMPS: Record<string, JumpKind> = { n: 'open', b: 'unbacked', c: 'flagged' }

/** Text selected in a source: Enter then belongs to the link popover, never to the top suggestion. */
function hasSourceSelection(): boolean {
  const sel = window.getSelection()
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return false
  const node = sel.anchorNode
  const el = node instanceof HTMLElement ? node : node?.parentElement
  return Boolean(el?.closest('.selection-root'))
}

export function useReviewKeys(actions: ReviewKeyActions, enabled = true): void {
  // latest actions without re-subscribing on every render
  const ref = useRef(actions)
  ref.current = actions
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      const jump = JUMPS[e.key.toLowerCase()]
      // Ctrl+Z / Cmd+Z outside text fields (inside them it is the field's own undo)
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'z' && !e.defaultPrevented && !isTyping(e.target)) {
        e.preventDefault()
        ref.current.undo()
        return
      }
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return
      // an open dialog owns the keyboard
      if (e.target instanceof HTMLElement && e.target.closest('[role="dialog"]')) return
      const a = ref.current
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault()
        a.next()
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault()
        a.prev()
      } else if (e.key === 'Enter' && !isActivatable(e.target)) {
        if (hasSourceSelection()) return
        e.preventDefault()
        a.acceptTop()
      } else if (e.key === 'u') {
        e.preventDefault()
        a.undo()
      } else if (jump && e.key.length === 1) {
        e.preventDefault()
        a.jump(jump, e.key === e.key.toUpperCase() ? -1 : 1)
      } else if (e.key === '?') {
        e.preventDefault()
        a.showHelp()
      } else if (e.key === '/') {
        e.preventDefault()
        a.focusSearch()
      } else {
        const status = statusByKey(e.key)
        if (status) {
          e.preventDefault()
          a.setStatus(status)
        }
      }
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [enabled])
}
