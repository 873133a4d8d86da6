// A pull reader over a stream of byte chunks, for parsers of untrusted files:
// every read says how much it wants and gets at most that (or less at the end
// of the input, which the caller must check), so no loop waits on bytes that
// will never come and nothing is buffered beyond what was asked for.

type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>

export class ByteReader {
  /** Bytes consumed so far: the position of the next byte in the stream. */
  offset = 0
  private buf: Buffer = Buffer.alloc(0)
  private pos = 0
  private ended = false
  private readonly source: AsyncIterator<Uint8Array> | Iterator<Uint8Array>

  constructor(chunks: Chunks) {
    this.source = Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : chunks[Symbol.iterator]()
  }

  private get available(): number {
    return this.buf.length - this.pos
  }

  /** Appends the next chunk to the buffer; false at the end of the input. */
  private async more(): Promise<boolean> {
    while (!this.ended) {
      const next = await this.source.next()
      if (next.done) break
      if (next.value.byteLength === 0) continue
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength)
      this.buf = this.available > 0 ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk
      this.pos = 0
      return true
    }
    this.ended = true
    return false
  }

  private take(n: number): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + n)
    this.pos += n
    this.offset += n
    return out
  }

  /** Up to `n` bytes ahead, without consuming them. */
  async peek(n: number): Promise<Buffer> {
    while (this.available < n && (await this.more()));
    return this.buf.subarray(this.pos, this.pos + Math.min(n, this.available))
  }

  /**
   * The next line, its LF included (or what is left at the end of the input);
   * null at the end. A line longer than `max` bytes is an error: `tooLong` names it.
   */
  async readLine(max: number, tooLong: () => Error): Promise<Buffer | null> {
    let scanned = 0
    for (;;) {
      const nl = this.buf.indexOf(10, this.pos + scanned)
      if (nl >= 0 && nl - this.pos < max) return this.take(nl + 1 - this.pos)
      if (nl >= 0 || this.available >= max) throw tooLong()
      scanned = this.available
      if (!(await this.more())) return this.available > 0 ? this.take(this.available) : null
    }
  }

  /** Exactly `n` bytes, or fewer if the input ends first. */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = []
    let got = 0
    while (got < n && (this.available > 0 || (await this.more()))) {
      const part = this.take(Math.min(n - got, this.available))
      parts.push(part)
      got += part.length
    }
    return Buffer.concat(parts, got)
  }

  /** Discards up to `n` bytes and returns how many there were. */
  async skip(n: number): Promise<number> {
    let got = 0
    while (got < n && (this.available > 0 || (await this.more()))) got += this.take(Math.min(n - got, this.available)).length
    return got
  }
}
