import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'
import { REPO } from '../helpers/cli'

// Folders are process boundaries. These tests prove the lint rule that
// enforces them actually fires, so a broken config cannot pass silently.

async function lintAs(filePath: string, code: string): Promise<string[]> {
  // The probes are files no tsconfig holds, so the type-aware rules are left
  // out for them; the boundary rule needs no types.
  const eslint = new ESLint({ cwd: REPO, overrideConfig: tseslint.configs.disableTypeChecked })
  const [result] = await eslint.lintText(code, { filePath })
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`)
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('process boundaries', () => {
  it('shared/ may not import Node built-ins', async () => {
    expect(await lintAs('shared/probe.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync")).toEqual([
      expect.stringMatching(/no Node built-ins/)
    ])
    expect(await lintAs('shared/probe.ts', "import { join } from 'path'\nexport const x = join")).toHaveLength(1)
  })

  it('shared/ may not import Electron, React or either side', async () => {
    expect(await lintAs('shared/probe.ts', "import { app } from 'electron'\nexport const x = app")).toHaveLength(1)
    expect(await lintAs('shared/probe.ts', "import { useState } from 'react'\nexport const x = useState")).toHaveLength(1)
    expect(await lintAs('shared/probe.ts', "import { openArchive } from '../electron/core/archive/open-archive'\nexport const x = openArchive")).toHaveLength(1)
    expect(await lintAs('shared/probe.ts', "import { x as y } from '../renderer/src/main'\nexport const x = y")).toHaveLength(1)
  })

  it('renderer/ may not import the Electron side', async () => {
    expect(await lintAs('renderer/src/probe.ts', "import { openArchive } from '../../electron/core/archive/open-archive'\nexport const x = openArchive")).toHaveLength(1)
    expect(await lintAs('renderer/src/probe.ts', "import { ipcRenderer } from 'electron'\nexport const x = ipcRenderer")).toHaveLength(1)
  })

  it('allows what shared/ legitimately uses', async () => {
    expect(await lintAs('shared/probe.ts', "import { z } from 'zod'\nimport { segment } from './text/segment'\nexport const x = [z, segment]")).toEqual([])
  })
})
