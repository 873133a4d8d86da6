// What the desktop shell sends the page: menu commands, and progress of long
// tasks (shown until done). A browser client sends neither and nothing shows.
import { useEffect, useState } from 'react'
import type { Client, ProgressEvent } from '../api/client'
import { handleMenuCommand } from './menu-commands'

/** Subscribes to menu commands and progress; returns the task in progress, if any. */
export function useDesktopEvents(client: Client, archiveChanged: () => void, focusSearch: () => void): ProgressEvent | null {
  const [progress, setProgress] = useState<ProgressEvent | null>(null)
  useEffect(() => {
    const offMenu = client.onMenu((command) => handleMenuCommand(command, { archiveChanged, focusSearch }))
    const offProgress = client.onProgress((p) => setProgress(p.done >= p.total ? null : p))
    return () => {
      offMenu()
      offProgress()
    }
  }, [client, focusSearch, archiveChanged])
  return progress
}
