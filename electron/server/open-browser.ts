import { spawn } from 'node:child_process'

/** The platform's "open this URL" command. */
export function openCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] }
  // `start` is a cmd built-in; the empty "" is the window title it would otherwise take the URL for.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url] }
  return { command: 'xdg-open', args: [url] }
}

/** Best effort: a missing opener (headless box, no desktop) must never take the server down. */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const { command, args } = openCommand(platform, url)
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true })
    child.on('error', () => {})
    child.unref()
  } catch {}
}
