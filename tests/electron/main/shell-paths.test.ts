import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { shellPaths } from '../../../electron/main/shell-paths'

const MAIN = join('/opt', 'attest', 'out', 'main')

describe('where the shell finds its page and preload', () => {
  it('loads the built page next to main, as a file: app', () => {
    const paths = shellPaths(MAIN, { isPackaged: true, rendererUrl: undefined })
    expect(paths.rendererFile).toBe(join('/opt', 'attest', 'out', 'renderer', 'index.html'))
    expect(paths.appUrl).toBe(pathToFileURL(paths.rendererFile).href)
    expect(paths.appOrigin).toBe('file:')
    expect(paths.preloadPath).toBe(join('/opt', 'attest', 'out', 'preload', 'index.cjs'))
    expect(paths.devServerUrl).toBeUndefined()
  })

  it('uses the dev server only for an unpackaged app', () => {
    const dev = shellPaths(MAIN, { isPackaged: false, rendererUrl: 'http://localhost:5173/' })
    expect(dev).toMatchObject({ devServerUrl: 'http://localhost:5173/', appUrl: 'http://localhost:5173/', appOrigin: 'http://localhost:5173' })
    const packaged = shellPaths(MAIN, { isPackaged: true, rendererUrl: 'http://localhost:5173/' })
    expect(packaged.devServerUrl).toBeUndefined()
    expect(packaged.appOrigin).toBe('file:')
  })

  it('takes an empty $ELECTRON_RENDERER_URL for none', () => {
    expect(shellPaths(MAIN, { isPackaged: false, rendererUrl: '' }).devServerUrl).toBeUndefined()
  })
})
