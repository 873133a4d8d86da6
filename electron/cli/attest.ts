import { runCli } from './main'

// A reader that stops early (`attest snapshot 3 | head -1`) is ordinary
// for a command-line tool: the rest of the output has nowhere to go, so it
// is dropped quietly and the command still ends with its own exit code.
// Anything else going wrong with the streams is a real error.
const CLOSED_READER = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END', 'ECONNRESET'])
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (!CLOSED_READER.has(err.code ?? '')) throw err
  })
}

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
