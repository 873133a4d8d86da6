// The local web site capture tests point Chromium at: real HTTP on 127.0.0.1
// with a free port, pages given as a route table, anything else a 404.
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void
export type Routes = Record<string, Handler>

export interface LocalSite {
  /** http://127.0.0.1:PORT */
  base: string
  server: http.Server
  close(): Promise<void>
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

export const html =
  (body: string | (() => string), status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(typeof body === 'function' ? body() : body)
  }

export const css =
  (text: string): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/css' }).end(text)

export const script =
  (text: string): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(text)

export const image =
  (bytes: Buffer, type = 'image/png'): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': bytes.length }).end(bytes)

export const png = image(TINY_PNG)

export const redirect =
  (location: string, status = 302): Handler =>
  (_req, res) =>
    res.writeHead(status, { Location: location }).end()

/** Serves `routes` (exact paths; `fallback` for the rest, else 404) until close(). */
export async function startLocalSite(routes: Routes, fallback?: Handler): Promise<LocalSite> {
  const server = http.createServer((req, res) => {
    const route = routes[req.url ?? '/']
    if (route) return route(req, res)
    if (fallback) return fallback(req, res)
    res.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // pages that never end keep their connections open
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A URL on 127.0.0.1 where nothing listens any more (a port that was just closed): connections are refused. */
export async function refusedUrl(path = '/'): Promise<string> {
  const closed = http.createServer()
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
  const port = (closed.address() as AddressInfo).port
  await new Promise<void>((resolve) => closed.close(() => resolve()))
  return `http://127.0.0.1:${port}${path}`
}
