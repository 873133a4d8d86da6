import { describe, expect, it } from 'vitest'
import { indexCapture, urlKey } from '../../../../electron/core/replay/capture-index'
import { invertBytes } from '../../../helpers/damage'
import { PAGE, SCREENSHOT, captureWarc } from './web-capture-fixture'

describe('indexing a web capture for replay', () => {
  it('finds every archived response by URL and the screenshot taken at capture time, digest checked', async () => {
    const index = await indexCapture(captureWarc())
    expect([...index.responses.keys()]).toContain(PAGE)
    expect(index.responses.get('https://news.example/old')?.status).toBe(301)
    expect(index.screenshot?.mediaType).toBe('image/png')
    expect(Buffer.from(index.screenshot!.bytes).equals(SCREENSHOT)).toBe(true)
    expect(index.screenshot?.blockDigest).toMatch(/^sha256:[A-Z2-7]+=*$/)
    expect(index.screenshot?.pageUrl).toBe(PAGE)
  })

  it('has no screenshot when the capture took none', async () => {
    expect((await indexCapture(captureWarc({ screenshot: null }))).screenshot).toBeNull()
  })

  it('refuses a screenshot whose bytes no longer match their digest', async () => {
    const warc = captureWarc()
    const at = warc.indexOf(SCREENSHOT)
    invertBytes(warc, at + SCREENSHOT.length - 1)
    await expect(indexCapture(warc)).rejects.toMatchObject({ code: 'INTEGRITY_FAILED' })
  })

  it('looks URLs up in one form: fragment dropped, host case and an empty path normalised', () => {
    expect(urlKey('HTTP://News.Example#x')).toBe('http://news.example/')
  })
})
