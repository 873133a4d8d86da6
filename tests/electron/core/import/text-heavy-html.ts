// Text-heavy HTML pages of a chosen size, built by the tests that need them.

const WORDS = 'the border is declared an emergency area by the minister of interior who said that troops would be deployed within days according to officials'.split(' ')

function sentences(): () => string {
  let seed = 1
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed % n
  }
  return () => `${Array.from({ length: 8 + next(15) }, () => WORDS[next(WORDS.length)]).join(' ')}.`
}

/** An article of `bytes` of markup: a heading every ten blocks, paragraphs of three sentences, a five-item list every ten. */
export function articlePage(bytes: number): string {
  const sentence = sentences()
  const head = '<!doctype html><html lang="en"><head><title>Report</title></head><body><article><h1>Report</h1>'
  const parts = [head]
  let size = head.length
  for (let i = 0; size < bytes; i++) {
    const block =
      i % 10 === 0 ? `<h2>Section ${i}</h2>`
      : i % 10 === 5 ? `<ul>${Array.from({ length: 5 }, () => `<li>${sentence()}</li>`).join('')}</ul>`
      : `<p>${sentence()} ${sentence()} ${sentence()}</p>`
    parts.push(block)
    size += block.length + 1
  }
  parts.push('</article></body></html>')
  return parts.join('\n')
}

/** One block of `bytes`: sentences separated by <br> and no paragraph around any (the shape that was quadratic). */
export function oneBlockPage(bytes: number): string {
  const sentence = sentences()
  const head = '<!doctype html><html><head><title>Log</title></head><body><div>'
  const parts = [head]
  let size = head.length
  while (size < bytes) {
    const line = `${sentence()}<br>\n`
    parts.push(line)
    size += line.length
  }
  parts.push('</div></body></html>')
  return parts.join('')
}
