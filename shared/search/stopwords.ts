// Function words carry no evidence: two passages sharing "the" and "has" are
// no more related than two that don't. Reporting verbs and attribution words
// ("said", "reported", "according") are here too: they describe the report,
// not the claim, so they must not pull in passages that merely say "said".

const WORDS = `
a about above after again against all almost also although am among an and another any anyone anything are around as at
away be became because become been before being below between both but by can cannot could did do does doing done down
during each either else even ever every few for from further had has have having he her here hers herself him himself his
how however i if in into is it its itself just least less like made make many may me might more most much must my myself
neither no nor not now of off often on once one only onto or other others otherwise our ours ourselves out over own per
perhaps quite rather really same several shall she should since so some somebody someone something still such than that
the their theirs them themselves then there these they this those though through thus till to too toward towards under
until up upon us very via was we well were what whatever when whenever where whereas whether which while who whoever whom
whose why will with within without would yet you your yours yourself yourselves s t d ll m re ve
said says say saying reported according told tells wrote writes added adds noted notes stated

mr mrs ms dr
`

export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean))

export function isStopword(term: string): boolean {
  return STOPWORDS.has(term)
}
