// Sentence reviews as schema.org ClaimReview (https://schema.org/ClaimReview),
// the markup fact-checkers publish and search engines read.
//
// Only reviewed sentences (status other than unreviewed) become ClaimReviews.
// The rating scale is 1 (false) to 5 (true); statuses that are not a verdict
// on truth (not checkable, opinion) carry no ratingValue, only the words in
// alternateName, because putting them on the scale would claim a judgement
// the fact-checker did not make.

import type { ReviewStatus } from '../../../shared/model'
import type { BundleContents } from './bundle-model'
import { shortClaim } from './short-claim'

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

/** Who publishes the reviews: the organisation from the archive settings (either may be unset). */
export interface ReviewPublisher {
  name: string | null
  /** Where the organisation publishes its reviews of this report; each review's url is this with `#<sentence id>`. */
  reviewUrl: string | null
}

type Organization = { '@type': 'Organization'; name: string; url?: string }
type Person = { '@type': 'Person'; name: string }

export interface ClaimReview {
  '@type': 'ClaimReview'
  '@id': string
  url: string
  claimReviewed: string
  reviewRating: { '@type': 'Rating'; alternateName: string; bestRating: number; worstRating: number; ratingValue?: number }
  itemReviewed: {
    '@type': 'Claim'
    text: string
    author?: Organization
    datePublished?: string
    appearance: { '@type': 'CreativeWork'; '@id': string; name?: string; url?: string; publisher?: Organization }
    'attest:sentence': string
    'attest:sentenceIndex': number
  }
  author: Organization | Person
  contributor?: Person
  datePublished: string
  reviewBody?: string
  'attest:status': ReviewStatus
  /** "Draft" for a verdict the team's rule says an editor must sign off and none has. */
  creativeWorkStatus?: 'Draft'
}

export function toRating(status: ReviewStatus): ClaimReview['reviewRating'] | null {
  if (status === 'unreviewed') return null
  const r = RATINGS[status]
  const rating: ClaimReview['reviewRating'] = { '@type': 'Rating', alternateName: r.words, bestRating: BEST_RATING, worstRating: WORST_RATING }
  if (r.value !== null) rating.ratingValue = r.value
  return rating
}

/**
 * The ClaimReviews of a bundle, with the fields Google's ClaimReview rules
 * require (claimReviewed, reviewRating.alternateName, url, author) and
 * recommend (itemReviewed as a Claim with its author, date and appearance;
 * the rating scale; datePublished). The author is the organisation when the
 * archive names one, the reviewer then being a contributor; without one the
 * reviewer is the author, since inventing an organisation would be false.
 */
export function toClaimReviews(bundle: BundleContents, publisher: ReviewPublisher = { name: null, reviewUrl: null }): { '@context': string; '@graph': ClaimReview[] } {
  const reportSha = bundle.report.report.snapshot
  const reportSource = bundle.sources.find((s) => s.uid === bundle.report.report.source)
  const bySentence = new Map(bundle.report.sentences.map((s) => [s.id, s]))
  const graph: ClaimReview[] = []
  const claimant: Organization | undefined = reportSource?.publisher ? { '@type': 'Organization', name: reportSource.publisher } : undefined
  for (const review of bundle.report.reviews) {
    const rating = toRating(review.status)
    const sentence = bySentence.get(review.sentenceId)
    if (!rating || !sentence || !review.updatedAt || !review.updatedBy) continue
    const appearance: ClaimReview['itemReviewed']['appearance'] = { '@type': 'CreativeWork', '@id': `urn:sha256:${reportSha}` }
    if (reportSource?.title) appearance.name = reportSource.title
    if (reportSource?.url) appearance.url = reportSource.url
    if (claimant) appearance.publisher = claimant
    const reviewer: Person = { '@type': 'Person', name: review.updatedBy }
    const item: ClaimReview = {
      '@type': 'ClaimReview',
      '@id': `urn:attest:review:${sentence.id}`,
      url: publisher.reviewUrl ? `${publisher.reviewUrl.split('#')[0]}#${sentence.id}` : `urn:attest:report:${reportSha}#${sentence.id}`,
      claimReviewed: shortClaim(sentence.text),
      reviewRating: rating,
      itemReviewed: {
        '@type': 'Claim',
        text: sentence.text,
        ...(claimant ? { author: claimant } : {}),
        ...(reportSource?.published ? { datePublished: reportSource.published } : {}),
        appearance,
        'attest:sentence': sentence.id,
        'attest:sentenceIndex': sentence.index
      },
      author: publisher.name ? { '@type': 'Organization', name: publisher.name, ...(publisher.reviewUrl ? { url: publisher.reviewUrl.split('#')[0] } : {}) } : reviewer,
      ...(publisher.name ? { contributor: reviewer } : {}),
      datePublished: review.updatedAt,
      'attest:status': review.status
    }
    if (review.note) item.reviewBody = review.note
    if (review.signOff === null) item.creativeWorkStatus = 'Draft'
    graph.push(item)
  }
  graph.sort((a, b) => a.itemReviewed['attest:sentenceIndex'] - b.itemReviewed['attest:sentenceIndex'])
  // A plain schema.org context, as ClaimReview consumers expect; the few
  // attest: properties are then full IRIs in their own URN-like scheme.
  return { '@context': 'https://schema.org', '@graph': graph }
}
