import type { Coverage } from './coverage'
import { COVERAGE_PARTS } from './coverage'

/** Colour for the glance, words for everyone: each segment also has a text label. */
export function CoverageBar({ coverage }: { coverage: Coverage }) {
  const total = Math.max(1, coverage.total)
  const parts = COVERAGE_PARTS.filter((p) => coverage[p.key] > 0)
  return (
    <div className="coverage" data-testid="coverage">
      <div className="coverage-bar" role="img" aria-label={parts.map((p) => `${coverage[p.key]} ${p.label}`).join(', ')}>
        {parts.map((p) => (
          <span key={p.key} className={`coverage-seg ${p.cls}`} style={{ flexGrow: coverage[p.key] / total }} title={`${coverage[p.key]} ${p.label}`} />
        ))}
      </div>
      <ul className="coverage-legend">
        {COVERAGE_PARTS.map((p) => (
          <li key={p.key} className={coverage[p.key] ? undefined : 'zero'}>
            <span className={`swatch ${p.cls}`} aria-hidden="true" />
            {coverage[p.key]} {p.label}
          </li>
        ))}
      </ul>
    </div>
  )
}
