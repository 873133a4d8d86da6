// Electron entry: one instance, one window, one open archive at a time. The
// work happens in attest-app.ts; this file only wires the app's lifecycle.
import { app, protocol } from 'electron'
import { createAttestApp } from './attest-app'
import { openRequestFor, openRequests, type OpenRequest } from './opened-files'
import { REPLAY_SCHEME, REPLAY_SCHEME_PRIVILEGES } from './replay-protocol'

// Lets tests (and people keeping several setups apart) use their own profile.
if (process.env.ATTEST_USER_DATA) app.setPath('userData', process.env.ATTEST_USER_DATA)
// Offline replay of web captures (replay-protocol.ts); schemes are registered before ready.
protocol.registerSchemesAsPrivileged([{ scheme: REPLAY_SCHEME, privileges: REPLAY_SCHEME_PRIVILEGES }])
// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (its window comes forward) instead of opening the archive twice.
  app.quit()
} else {
  const attest = createAttestApp()
  const focus = () => {
    if (app.isReady()) attest.focus()
  }
  // Files handed over by the system (file associations): at launch, by a
  // second launch, or on macOS by open-file, which may come before ready.
  const pending: OpenRequest[] = openRequests(process.argv.slice(1), process.cwd())
  const open = (requests: OpenRequest[]) => {
    if (app.isReady()) attest.openFiles(requests)
    else pending.push(...requests)
  }
  app.on('open-file', (event, path) => {
    event.preventDefault()
    const request = openRequestFor(path, process.cwd())
    if (request) open([request])
  })
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focus()
    open(openRequests(argv.slice(1), workingDirectory))
  })
  app.on('activate', focus)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => attest.dispose())
  app
    .whenReady()
    .then(() => attest.start())
    .then(() => attest.openFiles(pending.splice(0)))
    .catch((err: unknown) => {
      console.error(err)
      app.exit(1)
    })
}
