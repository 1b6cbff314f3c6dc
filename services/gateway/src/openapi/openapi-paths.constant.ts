/** Where the gateway serves its OpenAPI document and Swagger UI (outside `/api/v1`: they describe it). */
export const OPENAPI_PATHS = {
  ui: '/api/docs',
  json: '/api/docs.json',
  /** The path @nestjs/swagger serves by default, kept for tools that expect it. */
  jsonAlias: '/api/docs-json',
  yaml: '/api/docs.yaml',
} as const;
