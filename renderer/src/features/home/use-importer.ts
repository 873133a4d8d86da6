// Importing many files, one at a time, with progress a person can follow and
// per-file errors that do not stop the rest.
import { useCallback, useState } from 'react'
import type { ImportSummary } from '../../../../shared/api/types'
import type { AttestApi } from '../../../../shared/api/contract'

export interface ImportProgress {
  done: number
  total: number
  current: string | null
  results: { name: string; summary?: ImportSummary; error?: unknown }[]
}

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result)
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}

export function useImporter(api: AttestApi, onDone: () => void) {
  const [progress, setProgress] = useState<ImportProgress | null>(null)

  const importFiles = useCallback(
    async (files: readonly File[], asReport: boolean) => {
      if (!files.length) return
      const results: ImportProgress['results'] = []
      setProgress({ done: 0, total: files.length, current: files[0].name, results })
      for (let i = 0; i < files.length; i++) {
        const f = files[i]
        setProgress({ done: i, total: files.length, current: f.name, results: [...results] })
        try {
          const summary = await api.importFile({ name: f.name, base64: await fileToBase64(f), report: asReport || undefined })
          results.push({ name: f.name, summary })
        } catch (error) {
          results.push({ name: f.name, error })
        }
      }
      setProgress({ done: files.length, total: files.length, current: null, results: [...results] })
      onDone()
    },
    [api, onDone]
  )

  return { progress, importFiles, clear: () => setProgress(null) }
}
