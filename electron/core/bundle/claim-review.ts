// Sentence reviews as schema.org ClaimReview (https://schema.org/ClaimReview),
// the markup fact-checkers publish and search engines read.
//
// Only reviewed sentences (status other than unreviewed) become ClaimReviews.
// The rating scale is 1 (false) to 5 (true); statuses that are not a verdict
// on truth (not checkable, opinion) carry no ratingValue, only the words in
// alternateName, because putting them on the scale would claim a judgement
// the fact-checker did not make.

import type { ReviewStatus } from '../../../shared/model'
import type { BundleContents } from './export-bundle'

const RATINGS: Record<Exclude<ReviewStatus, 'unreviewed'>, { value: number | null; words: string }> = {
  supported: { value: 5, words: 'Supported' },
  'partly-supported': { value: 3, words: 'Partly supported' },
  unsupported: { value: 2, words: 'Unsupported (no evidence found)' },
  contradicted: { value: 1, words: 'Contradicted' },
  'not-checkable': { value: null, words: 'Not checkable' },
  opinion: { value: null, words: 'Opinion' }
}

export const BEST_RATING = 5
export const WORST_RATING = 1

export interface ClaimReview {
  '@type': 'ClaimReview'
  '@id': string
  claimReviewed: string
  reviewRating: { '@type': 'Rating'; alternateName: string; bestRating: number; worstRating: number; ratingValue?: number }
  itemReviewed: {
    '@type': 'Claim'
    appearance: { '@type': 'CreativeWork'; '@id': string; name?: string; url?: string; publisher?: { '@type': 'Organization'; name: string } }
    'attest:sentence': string
    'attest:sentenceIndex': number
  }
  author: { '@type': 'Person'; name: string }
  datePublished: string
  reviewBody?: string
  'attest:status': ReviewStatus
}

export function toRating(status: ReviewStatus): ClaimReview['reviewRating'] | null {
  if (status === 'unreviewed') return null
  const r = RATINGS[status]
  const rating: ClaimReview['reviewRating'] = { '@type': 'Rating', alternateName: r.words, bestRating: BEST_RATING, worstRating: WORST_RATING }
  if (r.value !== null) rating.ratingValue = r.value
  return rating
}

export function toClaimReviews(bundle: BundleContents): { '@context': unknown; '@graph': ClaimReview[] } {
  const reportSource = bundle.sources.find((s) => s.uid === bundle.report.report.source)
  const bySentence = new Map(bundle.report.sentences.map((s) => [s.id, s]))
  const graph: ClaimReview[] = []
  for (const review of bundle.report.reviews) {
    const rating = toRating(review.status)
    const sentence = bySentence.get(review.sentenceId)
    if (!rating || !sentence || !review.updatedAt || !review.updatedBy) continue
    const appearance: ClaimReview['itemReviewed']['appearance'] = { '@type': 'CreativeWork', '@id': `urn:sha256:${bundle.report.report.snapshot}` }
    if (reportSource?.title) appearance.name = reportSource.title
    if (reportSource?.url) appearance.url = reportSource.url
    if (reportSource?.publisher) appearance.publisher = { '@type': 'Organization', name: reportSource.publisher }
    const item: ClaimReview = {
      '@type': 'ClaimReview',
      '@id': `urn:attest:review:${sentence.id}`,
      claimReviewed: sentence.text,
      reviewRating: rating,
      itemReviewed: { '@type': 'Claim', appearance, 'attest:sentence': sentence.id, 'attest:sentenceIndex': sentence.index },
      author: { '@type': 'Person', name: review.updatedBy },
      datePublished: review.updatedAt,
      'attest:status': review.status
    }
    if (review.note) item.reviewBody = review.note
    graph.push(item)
  }
  graph.sort((a, b) => a.itemReviewed['attest:sentenceIndex'] - b.itemReviewed['attest:sentenceIndex'])
  return { '@context': ['https://schema.org', { attest: 'urn:attest:vocab:' }], '@graph': graph }
}
