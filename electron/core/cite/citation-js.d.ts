// citation-js ships no type declarations: the little of it we call, typed.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string })
    data: Array<Record<string, unknown>>
    format(format: string, options?: Record<string, unknown>): string
  }
  export const plugins: {
    config: { get(name: string): { styles: { add(name: string, xml: string): void; has(name: string): boolean }; locales: { add(name: string, xml: string): void } } }
    input: { chain(data: unknown, options?: { forceType?: string; generateGraph?: boolean }): Array<Record<string, unknown>> }
  }
}
declare module '@citation-js/plugin-csl'
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-ris'
