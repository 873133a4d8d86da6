// Electron entry: one instance, one window, one open archive at a time. The
// work happens in attest-app.ts; this file only wires the app's lifecycle.
import { app } from 'electron'
import { createAttestApp } from './attest-app'

// Lets tests (and people keeping several setups apart) use their own profile.
if (process.env.ATTEST_USER_DATA) app.setPath('userData', process.env.ATTEST_USER_DATA)
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
  app.on('second-instance', focus)
  app.on('activate', focus)
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => attest.dispose())
  app
    .whenReady()
    .then(() => attest.start())
    .catch((err: unknown) => {
      console.error(err)
      app.exit(1)
    })
}
