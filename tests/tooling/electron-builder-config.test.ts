// The installer configuration (electron-builder.yml) and what it points at in
// resources/. `npm run dist` needs the Electron binary, which CI cannot
// download, so CI checks the configuration here instead: against
// electron-builder's own JSON schema, read by electron-builder's own loader.

import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { getConfig } from 'app-builder-lib/out/util/config/config'
import type { Configuration } from 'electron-builder'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO } from '../helpers/cli'

const RESOURCES = join(REPO, 'resources')
const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> }

function schemaValidator() {
  const schema = JSON.parse(readFileSync(join(REPO, 'node_modules/app-builder-lib/scheme.json'), 'utf8'))
  // The schema uses union types and a few keywords of its own generator: not errors, just not draft-07 strict.
  return new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema)
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path)
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

function desktopEntry(text: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'))
  expect(lines[0]).toBe('[Desktop Entry]')
  return Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]))
}

let config: Configuration
beforeAll(async () => {
  config = await getConfig(REPO, null, null)
})

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema', () => {
    const validate = schemaValidator()
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true)
  })

  it('a mistake in it would be caught (the check can fail)', () => {
    const validate = schemaValidator()
    expect(validate({ ...config, linux: { ...config.linux, target: 42 } })).toBe(false)
    expect(validate({ ...config, fileAsociations: [] })).toBe(false)
  })

  it('takes the version from package.json and repeats it nowhere', () => {
    expect(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')).not.toContain(pkg.version)
    expect(config.artifactName).toContain('${version}')
    expect(pkg.scripts.dist).toMatch(/electron-builder/)
  })

  it('builds AppImage and deb, dmg and NSIS installers', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    expect(config.mac?.target).toBe('dmg')
    expect(config.win?.target).toBe('nsis')
  })

  it('associates archives (.attest) everywhere and offers Attest for bundles without claiming zips', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'attest', mimeType: 'application/x-attest-archive', rank: 'Owner' })])
    expect(config.mac?.fileAssociations).toEqual([expect.objectContaining({ ext: 'zip', rank: 'Alternate', role: 'Viewer' })])
    expect(config.linux?.mimeTypes).toEqual(['application/x-attest-archive', 'application/zip'])
  })
})

describe('resources/', () => {
  it('has the icon in every size, rendered from icon.svg', () => {
    expect(readFileSync(join(RESOURCES, 'icon.svg'), 'utf8')).toContain('<svg')
    expect(pngSize(join(RESOURCES, 'icon.png'))).toEqual({ width: 1024, height: 1024 })
    expect(readdirSync(join(RESOURCES, 'icons')).sort()).toEqual(ICON_SIZES.map((s) => `${s}x${s}.png`).sort())
    for (const s of ICON_SIZES) expect(pngSize(join(RESOURCES, 'icons', `${s}x${s}.png`))).toEqual({ width: s, height: s })
  })

  it('has a Linux desktop entry that desktop-file-validate accepts and the installer config agrees with', () => {
    const path = join(RESOURCES, 'attest.desktop')
    const run = spawnSync('desktop-file-validate', [path], { encoding: 'utf8' })
    expect(run.error, 'desktop-file-validate is missing: apt-get install desktop-file-utils (.ci/run does)').toBeUndefined()
    expect(run.stdout + run.stderr).toBe('')
    expect(run.status).toBe(0)
    const entry = desktopEntry(readFileSync(path, 'utf8'))
    expect(config.linux?.desktop?.entry).toEqual(
      Object.fromEntries(Object.entries(entry).filter(([k]) => !['Type', 'Exec', 'Icon', 'Terminal'].includes(k)))
    )
    expect(entry.Exec).toBe(`${config.linux?.executableName} %F`)
    expect(entry.MimeType).toBe(config.linux?.mimeTypes?.join(';') + ';')
  })
})
