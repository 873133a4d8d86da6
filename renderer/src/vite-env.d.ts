// Vite asset imports used by the renderer (typed here because tsconfig.web.json loads no ambient types).
declare module '*?url' {
  const url: string
  export default url
}
