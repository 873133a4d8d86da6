// Files dropped anywhere are imported, never opened by the browser in place of the app.
import { useEffect, useState } from 'react'

/** Whether files are being dragged over the window (the app shows where to drop them). */
export function useFileDrop(importFiles: (files: File[], asCase: boolean) => Promise<unknown>): boolean {
  const [dragging, setDragging] = useState(false)
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return
      e.preventDefault()
      setDragging(true)
    }
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false)
    }
    const drop = (e: DragEvent) => {
      e.preventDefault()
      setDragging(false)
      const files = Array.from(e.dataTransfer?.files ?? [])
      if (files.length) void importFiles(files, false)
    }
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [importFiles])
  return dragging
}
