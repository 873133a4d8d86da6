import { runCli } from './main'

// The `attest` executable: the real process's streams and exit code.
runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env
}).then(
  (code) => {
    process.exitCode = code
  },
  (err) => {
    process.stderr.write(`attest: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 2
  }
)
