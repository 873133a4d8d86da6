// The bundle's provenance in W3C PROV-O (https://www.w3.org/TR/prov-o/), as
// JSON-LD: who captured which bytes when and from where, and who decided each
// link and review. The event log says the same in our own terms and is what
// verification checks; this file is for tools that speak PROV.
//
// Identifiers are URNs (content addresses for snapshots, our stable ids for
// everything else) so the graph names the same things as annotations.jsonld
// and claimreview.jsonld without implying any network lookup. Web addresses
// are prov:Location resources, not strings.
//
// Only what is known is said: a capture whose time or capturer nobody
// recorded has no prov:startedAtTime / prov:generatedAtTime or no
// prov:wasAssociatedWith (capture-facts.ts), rather than the import's
// defaults. Agents named by a user name are people (prov:Person); the
// software that extracted each text is a prov:SoftwareAgent.

import type { BundleContents } from './bundle-model'
import { SOFTWARE_AGENT } from '../version'

type Node = Record<string, unknown> & { '@id': string }

const agentUrn = (name: string): string => `urn:attest:agent:${encodeURIComponent(name)}`
const snapshotUrn = (sha: string): string => `urn:sha256:${sha}`
const SOFTWARE_URN = `urn:attest:software:${encodeURIComponent(SOFTWARE_AGENT)}`
// An absolute IRI can name the location itself; anything else (a bare host,
// text with spaces) gets a URN that carries it, so JSON-LD never resolves it
// against some base.
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/
const locationId = (url: string): string => (ABSOLUTE_IRI.test(url) ? url : `urn:attest:location:${encodeURIComponent(url)}`)
const dateTime = (value: string) => ({ '@value': value, '@type': 'xsd:dateTime' })

export function toProvenance(bundle: BundleContents): { '@context': Record<string, unknown>; '@graph': Node[] } {
  const nodes = new Map<string, Node>()
  const add = (node: Node): void => {
    const prior = nodes.get(node['@id'])
    nodes.set(node['@id'], prior ? { ...prior, ...node } : node)
  }
  const person = (name: string): { '@id': string } => {
    add({ '@id': agentUrn(name), '@type': ['prov:Agent', 'prov:Person'], 'rdfs:label': name })
    return { '@id': agentUrn(name) }
  }
  const location = (url: string): { '@id': string } => {
    add({ '@id': locationId(url), '@type': 'prov:Location', 'rdfs:label': url })
    return { '@id': locationId(url) }
  }
  const sources = new Map(bundle.sources.map((s) => [s.uid, s]))

  for (const source of bundle.sources) {
    add({
      '@id': `urn:attest:source:${source.uid}`,
      '@type': 'prov:Entity',
      'rdfs:label': source.title ?? source.externalId ?? source.uid,
      'attest:kind': source.kind,
      ...(source.url ? { 'prov:atLocation': location(source.url) } : {}),
      ...(source.publisher ? { 'attest:publisher': source.publisher } : {})
    })
  }
  add({ '@id': SOFTWARE_URN, '@type': ['prov:Agent', 'prov:SoftwareAgent'], 'rdfs:label': SOFTWARE_AGENT })

  for (const file of bundle.snapshots) {
    for (const c of file.captures) {
      const capture = `urn:attest:capture:${file.sha256}:${c.source}`
      const source = sources.get(c.source)
      const sourceNode = { '@id': `urn:attest:source:${c.source}` }
      add({
        '@id': snapshotUrn(file.sha256),
        '@type': 'prov:Entity',
        'attest:mediaType': file.mediaType,
        'attest:byteSize': file.byteSize,
        ...(c.capturedAt ? { 'prov:generatedAtTime': dateTime(c.capturedAt) } : {}),
        'prov:wasGeneratedBy': { '@id': capture },
        'prov:wasDerivedFrom': sourceNode,
        ...(source?.kind === 'primary' ? { 'prov:hadPrimarySource': sourceNode } : {})
      })
      add({
        '@id': capture,
        '@type': 'prov:Activity',
        'rdfs:label': `capture (${c.captureMethod})`,
        'prov:used': sourceNode,
        ...(c.capturedAt ? { 'prov:startedAtTime': dateTime(c.capturedAt) } : {}),
        ...(c.capturedBy ? { 'prov:wasAssociatedWith': person(c.capturedBy) } : {}),
        ...(c.originalUrl ? { 'prov:atLocation': location(c.originalUrl) } : {})
      })
      add({
        '@id': `urn:attest:text:${c.textSha256}`,
        '@type': 'prov:Entity',
        'rdfs:label': `text extracted by ${c.textMethod}`,
        'prov:wasDerivedFrom': { '@id': snapshotUrn(file.sha256) },
        'prov:wasAttributedTo': { '@id': SOFTWARE_URN }
      })
    }
  }

  const reportUrn = snapshotUrn(bundle.report.report.snapshot)
  add({
    '@id': `urn:attest:report:${bundle.report.report.snapshot}`,
    '@type': 'prov:Activity',
    'rdfs:label': 'report segmented into sentences for review',
    'prov:used': { '@id': reportUrn },
    'prov:startedAtTime': dateTime(bundle.report.report.createdAt),
    'prov:wasAssociatedWith': person(bundle.report.report.createdBy)
  })

  for (const link of bundle.report.links) {
    const decision = `urn:attest:decision:link:${link.id}`
    add({
      '@id': `urn:attest:link:${link.id}`,
      '@type': 'prov:Entity',
      'attest:relation': link.relation,
      'prov:wasGeneratedBy': { '@id': decision },
      'prov:wasAttributedTo': person(link.createdBy),
      ...(link.supersedes ? { 'prov:wasRevisionOf': { '@id': `urn:attest:link:${link.supersedes}` } } : {}),
      ...(link.removedAt ? { 'prov:wasInvalidatedBy': { '@id': `urn:attest:decision:unlink:${link.id}` } } : {})
    })
    add({
      '@id': decision,
      '@type': 'prov:Activity',
      'rdfs:label': `linked sentence ${link.sentenceId} as ${link.relation}`,
      'prov:startedAtTime': dateTime(link.createdAt),
      'prov:wasAssociatedWith': person(link.createdBy),
      'prov:used': [{ '@id': reportUrn }, { '@id': snapshotUrn(link.snapshotSha256) }]
    })
    if (link.removedAt && link.removedBy) {
      add({
        '@id': `urn:attest:decision:unlink:${link.id}`,
        '@type': 'prov:Activity',
        'rdfs:label': `removed: ${link.removedWhy ?? ''}`,
        'prov:startedAtTime': dateTime(link.removedAt),
        'prov:wasAssociatedWith': person(link.removedBy)
      })
    }
  }

  for (const review of bundle.report.reviews) {
    if (!review.updatedAt || !review.updatedBy) continue
    add({
      '@id': `urn:attest:review:${review.sentenceId}`,
      '@type': 'prov:Entity',
      'attest:status': review.status,
      'prov:wasAttributedTo': person(review.updatedBy),
      'prov:generatedAtTime': dateTime(review.updatedAt),
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
