// The bundle's provenance in W3C PROV-O (https://www.w3.org/TR/prov-o/), as
// JSON-LD: who captured which bytes when and from where, and who decided each
// link and review. The event log says the same in our own terms and is what
// verification checks; this file is for tools that speak PROV.
//
// Identifiers are URNs (content addresses for snapshots, our stable ids for
// everything else) so the graph names the same things as annotations.jsonld
// and claimreview.jsonld without implying any network lookup.

import type { BundleContents } from './export-bundle'

type Node = Record<string, unknown> & { '@id': string }

const agentUrn = (name: string): string => `urn:attest:agent:${encodeURIComponent(name)}`
const snapshotUrn = (sha: string): string => `urn:sha256:${sha}`

export function toProvenance(bundle: BundleContents): { '@context': Record<string, unknown>; '@graph': Node[] } {
  const nodes = new Map<string, Node>()
  const add = (node: Node): void => {
    const prior = nodes.get(node['@id'])
    nodes.set(node['@id'], prior ? { ...prior, ...node } : node)
  }
  const agent = (name: string): { '@id': string } => {
    add({ '@id': agentUrn(name), '@type': ['prov:Agent', 'prov:Person'], 'rdfs:label': name })
    return { '@id': agentUrn(name) }
  }
  const sources = new Map(bundle.sources.map((s) => [s.uid, s]))

  for (const source of bundle.sources) {
    add({
      '@id': `urn:attest:source:${source.uid}`,
      '@type': 'prov:Entity',
      'rdfs:label': source.title ?? source.externalId ?? source.uid,
      'attest:kind': source.kind,
      ...(source.url ? { 'prov:atLocation': source.url } : {}),
      ...(source.publisher ? { 'attest:publisher': source.publisher } : {})
    })
  }

  for (const file of bundle.snapshots) {
    for (const c of file.captures) {
      const capture = `urn:attest:capture:${file.sha256}:${c.source}`
      const source = sources.get(c.source)
      const derivedFrom = [{ '@id': `urn:attest:source:${c.source}` }]
      if (c.originalUrl) {
        add({ '@id': c.originalUrl, '@type': 'prov:Entity', 'prov:atLocation': c.originalUrl })
        derivedFrom.push({ '@id': c.originalUrl })
      }
      add({
        '@id': snapshotUrn(file.sha256),
        '@type': 'prov:Entity',
        'attest:mediaType': file.mediaType,
        'attest:byteSize': file.byteSize,
        'prov:generatedAtTime': { '@value': c.capturedAt, '@type': 'xsd:dateTime' },
        'prov:wasGeneratedBy': { '@id': capture },
        'prov:wasDerivedFrom': derivedFrom,
        ...(source?.kind === 'primary' ? { 'prov:hadPrimarySource': { '@id': `urn:attest:source:${c.source}` } } : {})
      })
      add({
        '@id': capture,
        '@type': 'prov:Activity',
        'rdfs:label': `capture (${c.captureMethod})`,
        'prov:startedAtTime': { '@value': c.capturedAt, '@type': 'xsd:dateTime' },
        'prov:wasAssociatedWith': agent(c.capturedBy),
        ...(c.originalUrl ? { 'prov:used': { '@id': c.originalUrl } } : {})
      })
      add({
        '@id': `urn:attest:text:${c.textSha256}`,
        '@type': 'prov:Entity',
        'rdfs:label': `text extracted by ${c.textMethod}`,
        'prov:wasDerivedFrom': { '@id': snapshotUrn(file.sha256) }
      })
    }
  }

  const reportUrn = snapshotUrn(bundle.report.report.snapshot)
  add({
    '@id': `urn:attest:report:${bundle.report.report.snapshot}`,
    '@type': 'prov:Activity',
    'rdfs:label': 'report segmented into sentences for review',
    'prov:used': { '@id': reportUrn },
    'prov:startedAtTime': { '@value': bundle.report.report.createdAt, '@type': 'xsd:dateTime' },
    'prov:wasAssociatedWith': agent(bundle.report.report.createdBy)
  })

  for (const link of bundle.report.links) {
    const decision = `urn:attest:decision:link:${link.id}`
    add({
      '@id': `urn:attest:link:${link.id}`,
      '@type': 'prov:Entity',
      'attest:relation': link.relation,
      'prov:wasGeneratedBy': { '@id': decision },
      'prov:wasAttributedTo': agent(link.createdBy),
      ...(link.supersedes ? { 'prov:wasRevisionOf': { '@id': `urn:attest:link:${link.supersedes}` } } : {}),
      ...(link.removedAt ? { 'prov:wasInvalidatedBy': { '@id': `urn:attest:decision:unlink:${link.id}` } } : {})
    })
    add({
      '@id': decision,
      '@type': 'prov:Activity',
      'rdfs:label': `linked sentence ${link.sentenceId} as ${link.relation}`,
      'prov:startedAtTime': { '@value': link.createdAt, '@type': 'xsd:dateTime' },
      'prov:wasAssociatedWith': agent(link.createdBy),
      'prov:used': [{ '@id': reportUrn }, { '@id': snapshotUrn(link.snapshotSha256) }]
    })
    if (link.removedAt && link.removedBy) {
      add({
        '@id': `urn:attest:decision:unlink:${link.id}`,
        '@type': 'prov:Activity',
        'rdfs:label': `removed: ${link.removedWhy ?? ''}`,
        'prov:startedAtTime': { '@value': link.removedAt, '@type': 'xsd:dateTime' },
        'prov:wasAssociatedWith': agent(link.removedBy)
      })
    }
  }

  for (const review of bundle.report.reviews) {
    if (!review.updatedAt || !review.updatedBy) continue
    add({
      '@id': `urn:attest:review:${review.sentenceId}`,
      '@type': 'prov:Entity',
      'attest:status': review.status,
      'prov:wasAttributedTo': agent(review.updatedBy),
      'prov:generatedAtTime': { '@value': review.updatedAt, '@type': 'xsd:dateTime' },
      'prov:wasDerivedFrom': bundle.report.links
        .filter((l) => l.sentenceId === review.sentenceId && !l.removedAt)
        .map((l) => ({ '@id': `urn:attest:link:${l.id}` }))
    })
  }

  return {
    '@context': {
      prov: 'http://www.w3.org/ns/prov#',
      rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
      attest: 'urn:attest:vocab:'
    },
    '@graph': [...nodes.values()].sort((a, b) => (a['@id'] < b['@id'] ? -1 : a['@id'] > b['@id'] ? 1 : 0))
  }
}
