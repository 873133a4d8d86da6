// A small curated lexicon of general English: words that a reporter may use
// for what a source says in other words. Two kinds of relation:
//   - derivations: one root, another part of speech (declare ~ declaration,
//     construct ~ construction, migrate ~ migrant). Nearly as good as the
//     same word, so they weigh DERIVATION_WEIGHT.
//   - synonyms and near-synonyms (barrier ~ wall ~ fence, decrease ~ decline
//     ~ drop). Looser: SYNONYM_WEIGHT.
// Groups are general vocabulary (news, government, law, quantities, change),
// written from ordinary English usage in the spirit of WordNet synsets — no
// entry exists to make a particular report match a particular source.
// Irregular forms (rose, fell, built) are listed because the stemmer only
// knows regular inflection.

import { stem } from './stem'

export const DERIVATION_WEIGHT = 0.85
export const SYNONYM_WEIGHT = 0.65

const DERIVATIONS: readonly string[] = [
  'declare declaration', 'construct construction constructed', 'build building built', 'deploy deployment',
  'protect protection protective', 'secure security', 'invade invasion invader', 'migrate migrant migration',
  'immigrate immigrant immigration', 'emigrate emigrant emigration', 'decide decision', 'inform information',
  'operate operation operational', 'enforce enforcement', 'assess assessment', 'authorize authorise authorization authorisation',
  'detain detention detainee', 'cross crossing', 'recommend recommendation', 'remove removal', 'deport deportation',
  'arrive arrival', 'approve approval', 'defend defense defence defensive', 'govern government governor',
  'administer administration administrative', 'legislate legislation legislative legislature', 'sign signature signatory',
  'accuse accusation', 'invest investment investor', 'produce production producer', 'reduce reduction',
  'expand expansion', 'seize seizure', 'prosecute prosecution prosecutor', 'violate violation', 'require requirement',
  'announce announcement', 'elect election elected', 'appoint appointment', 'agree agreement', 'pay payment paid',
  'employ employment employee employer', 'investigate investigation investigator', 'respond response',
  'fail failure', 'depart departure', 'destroy destruction', 'describe description', 'explode explosion explosive',
  'apply application', 'observe observation', 'provide provision', 'prepare preparation', 'perform performance',
  'transport transportation', 'interpret interpretation', 'arrest arrested', 'order ordered', 'direct directive direction',
  'proclaim proclamation', 'decree decreed', 'regulate regulation regulator regulatory', 'restrict restriction',
  'prohibit prohibition', 'permit permission', 'suspend suspension', 'terminate termination', 'negotiate negotiation',
  'discuss discussion', 'propose proposal', 'oppose opposition opponent', 'support supporter', 'threaten threat',
  'attack attacker', 'kill killing killed', 'die death dead', 'injure injury injured', 'convict conviction',
  'sentence sentencing', 'testify testimony', 'vote voter', 'analyze analyse analysis analyst', 'predict prediction',
  'estimate estimation', 'measure measurement', 'grow growth', 'decline declining', 'increase increasing',
  'decrease decreasing', 'succeed success successful', 'solve solution', 'connect connection', 'collect collection',
  'inspect inspection inspector', 'monitor monitoring', 'detect detection', 'intercept interception', 'patrol patrolling',
  'surveil surveillance', 'militarize militarise militarization militarisation military', 'nation national nationwide',
  'president presidential presidency', 'congress congressional', 'constitution constitutional', 'legal legality legally',
  'illegal illegally illegality', 'economy economic economist', 'finance financial', 'politics political politician',
  'crime criminal criminality', 'terror terrorism terrorist', 'traffic trafficking trafficker', 'smuggle smuggling smuggler',
  'invoke invocation', 'insure insurance', 'comply compliance', 'obtain obtaining', 'complete completion completely',
  'consider consideration', 'compare comparison', 'include inclusion', 'exclude exclusion', 'exist existence',
  'persist persistent', 'resist resistance', 'assist assistance', 'maintain maintenance', 'capture captured',
  'evacuate evacuation', 'rescue rescued', 'shelter sheltered', 'flee fled refugee', 'settle settlement',
  'occupy occupation', 'liberate liberation', 'negotiate negotiator', 'mediate mediation mediator', 'sanction sanctions',
  'tax taxation', 'fund funding', 'budget budgetary', 'spend spending spent', 'borrow borrowing', 'lend lending loan',
  'trade trading trader', 'export exporter', 'import importer', 'manufacture manufacturing manufacturer',
  'publish publication publisher', 'broadcast broadcaster', 'communicate communication', 'educate education educational',
  'medicine medical medication', 'health healthy', 'vaccinate vaccination vaccine', 'infect infection infectious',
  'pollute pollution pollutant', 'emit emission', 'heat hot', 'warm warming', 'flood flooding', 'burn burning burnt',
  'vacate vacant vacancy', 'resign resignation', 'retire retirement', 'hire hiring', 'fire fired firing'
]

const SYNONYMS: readonly string[] = [
  'order directive decree proclamation edict command mandate instruction', 'border frontier boundary',
  'troop troops soldier force forces personnel servicemember servicemembers unit units military',
  'build construct erect', 'barrier wall fence fencing barricade', 'declare proclaim announce pronounce',
  'arrest apprehend detain', 'decrease decline drop fall fell fallen reduce reduction dip plunge',
  'increase rise rose risen grow growth climb surge jump', 'begin start commence launch initiate',
  'end finish conclude terminate stop halt cease', 'help assist aid support', 'buy purchase acquire',
  'show demonstrate indicate reveal', 'need require necessity', 'allow permit authorize authorise enable',
  'ban prohibit forbid outlaw bar', 'law statute legislation act', 'rule regulation', 'money funds funding cash',
  'cost price expense', 'country nation', 'leader head chief', 'official officer', 'attack assault strike raid',
  'fight battle combat clash', 'war conflict hostilities', 'weapon arms armament', 'gun firearm', 'car vehicle automobile',
  'house home residence dwelling', 'people persons individuals', 'child kid minor', 'job employment occupation',
  'company firm business corporation enterprise', 'city town municipality', 'meet meeting summit',
  'talk discuss negotiate', 'send dispatch deploy', 'move relocate transfer shift', 'close seal shut',
  'area region zone territory', 'illegal unlawful illicit', 'legal lawful legitimate', 'drug narcotic narcotics',
  'smuggler trafficker', 'threat danger risk menace', 'safe secure protected', 'quick rapid swift fast',
  'many numerous multiple several', 'whole entire complete full total', 'main primary principal chief key',
  'goal aim objective target', 'plan proposal scheme strategy', 'study research survey', 'data statistics figures',
  'highest record peak maximum', 'lowest minimum', 'agency department bureau office', 'court tribunal',
  'win victory triumph', 'lose defeat loss', 'kill slay murder', 'die perish', 'death fatality',
  'injure wound hurt', 'big large huge vast massive', 'small little minor tiny', 'important significant major',
  'new recent novel', 'old former previous prior', 'current present existing', 'say state claim assert',
  'ask request', 'answer reply respond response', 'try attempt', 'use employ utilize utilise', 'get obtain gain',
  'give grant provide', 'keep retain maintain', 'choose select pick', 'change alter modify amend',
  'repair fix mend', 'damage harm', 'destroy demolish wreck', 'protect shield guard defend', 'watch monitor observe',
  'find discover locate', 'hide conceal', 'check verify inspect examine', 'cross traverse enter',
  'encounter meet confront', 'stop intercept', 'crackdown clampdown', 'invasion incursion', 'migrant immigrant',
  'refugee asylum', 'deport expel remove', 'permission authorization approval consent', 'emergency crisis',
  'president commander', 'report account', 'month monthly', 'year annual yearly', 'week weekly', 'day daily',
  'assess evaluate appraise', 'recommend advise suggest', 'mission task assignment', 'command headquarters',
  'deadline limit', 'immediately instantly promptly', 'roughly approximately about nearly around',
  'intelligence information', 'flow movement stream', 'region vicinity', 'effort endeavour endeavor attempt',
  'logistics logistical supply', 'specialist expert', 'additional extra further more', 'sovereignty independence',
  'territory land soil', 'secretary minister'
]

export interface Relation {
  stem: string
  /** The lexicon's words with this stem, to look up in the index (which stores words, not stems). */
  words: readonly string[]
  weight: number
}

function buildIndex(): ReadonlyMap<string, readonly Relation[]> {
  const index = new Map<string, Map<string, Relation>>()
  const add = (groups: readonly string[], weight: number): void => {
    for (const group of groups) {
      const words = group.split(/\s+/)
      const byStem = new Map<string, string[]>()
      for (const w of words) byStem.set(stem(w), [...(byStem.get(stem(w)) ?? []), w])
      for (const a of byStem.keys()) {
        const related = index.get(a) ?? new Map<string, Relation>()
        for (const [b, bWords] of byStem) {
          if (b === a) continue
          const prev = related.get(b)
          related.set(b, {
            stem: b,
            words: [...new Set([...(prev?.words ?? []), ...bWords])],
            weight: Math.max(prev?.weight ?? 0, weight)
          })
        }
        index.set(a, related)
      }
    }
  }
  add(SYNONYMS, SYNONYM_WEIGHT)
  add(DERIVATIONS, DERIVATION_WEIGHT)
  // One further hop, so a word reaches its synonyms' derivations and its
  // derivations' synonyms (build ~ construct ~ construction), at the product
  // of the weights. Two hops at most: longer chains drift in meaning.
  const direct = new Map([...index].map(([k, v]) => [k, [...v.values()]]))
  for (const [a, related] of index) {
    for (const first of direct.get(a) ?? []) {
      for (const second of direct.get(first.stem) ?? []) {
        if (second.stem === a) continue
        const weight = first.weight * second.weight
        const prev = related.get(second.stem)
        if (!prev || prev.weight < weight) related.set(second.stem, { stem: second.stem, words: second.words, weight })
      }
    }
  }
  return new Map([...index].map(([k, v]) => [k, [...v.values()]]))
}

/** Built once at load; never modified afterwards. */
const INDEX = buildIndex()

/** Stems related to `stemmed` (a stem from stem()), with how much a match through them counts (0–1). */
export function relatedStems(stemmed: string): readonly Relation[] {
  return INDEX.get(stemmed) ?? []
}
