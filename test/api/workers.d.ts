// What the API tests use from the Workers runtime: the Worker's own default export, and the
// bindings it runs with (to call its fetch handler directly, as the runtime would).
declare module 'cloudflare:workers' {
  export const exports: { default: { fetch(request: Request): Promise<Response> } }
  export const env: import('../../functions/app.ts').Env
}
