// Renders resources/icon.svg to the PNG sizes the installers and desktop
// entries use (resources/icons/NxN.png, and resources/icon.png at 1024 from
// which electron-builder derives .icns and .ico). Run it after changing the
// SVG and commit the PNGs: the build does not need a browser.
// Uses Debian's Chromium through playwright-core (ATTEST_CHROMIUM to override).
import { mkdirSync, readFileSync } from 'node:fs'
import { Buffer } from 'node:buffer'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const svg = readFileSync('resources/icon.svg', 'utf8')
mkdirSync('resources/icons', { recursive: true })

const browser = await chromium.launch({ executablePath: process.env.ATTEST_CHROMIUM ?? '/usr/bin/chromium' })
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 })
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`)
    await page.locator('img').evaluate((img) => img.decode())
    const out = join('resources/icons', `${size}x${size}.png`)
    await page.screenshot({ path: out, omitBackground: true })
    if (size === 1024) await page.screenshot({ path: 'resources/icon.png', omitBackground: true })
    await page.close()
  }
} finally {
  await browser.close()
}
console.log(`resources/icons: ${ICON_SIZES.join(', ')} px`)
