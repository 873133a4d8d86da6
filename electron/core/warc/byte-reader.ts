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
   * Everything up to and including the first empty line (LF or CRLF line
   * ends), as a header block ends; null if the input ends first with nothing
   * read, the rest of the input if it ends before an empty line. A block
   * longer than `max` bytes is an error: `tooLong` names it.
   */
  async readHeaderBlock(max: number, tooLong: () => Error): Promise<Buffer | null> {
    let from = this.pos
    for (;;) {
      for (let nl = this.buf.indexOf(10, from); nl >= 0; nl = this.buf.indexOf(10, nl + 1)) {
        const end = this.buf[nl + 1] === 10 ? nl + 2 : this.buf[nl + 1] === 13 && this.buf[nl + 2] === 10 ? nl + 3 : -1
        if (end > 0 && end - this.pos <= max) return this.take(end - this.pos)
        if (end > 0 || nl - this.pos >= max) throw tooLong()
        // A LF at the end of what is buffered (or before a lone CR) is looked at again with more input.
        if (nl + 2 >= this.buf.length) break
        from = nl + 1
      }
      if (this.available >= max) throw tooLong()
      const scanned = Math.max(0, this.available - 2)
      if (!(await this.more())) return this.available > 0 ? this.take(this.available) : null
      from = this.pos + scanned
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
