// The one thing the API tests use from the Workers runtime: the Worker's own default export.
declare module 'cloudflare:workers' {
  export const exports: { default: { fetch(request: Request): Promise<Response> } }
}
