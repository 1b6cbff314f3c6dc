import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { generate } from 'openapi-typescript-codegen';

/** The `OpenAPI` settings object of a generated client (core/OpenAPI.ts). */
export interface ClientSettings {
  BASE: string;
  TOKEN?: string;
  HEADERS?: Record<string, string>;
}

/** A service method of a generated client: one operation, its parameters in one object (`useOptions`). */
export type ClientOperation = (parameters?: Record<string, unknown>) => Promise<unknown>;

export interface GeneratedClient {
  OpenAPI: ClientSettings;
  /** The error a generated client rejects with on a non-2xx answer (core/ApiError.ts). */
  ApiError: new (...args: never[]) => Error & { status: number; body: unknown };
  /** The generated method of `operationId` under `tag`, as the generator names them. */
  operation(tag: string, operationId: string): ClientOperation;
  /** Deletes the generated sources. */
  remove(): Promise<void>;
}

/** The generator's service class name for a tag: `api-tokens` → `ApiTokensService`. */
function serviceName(tag: string): string {
  const words = tag.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  return `${words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('')}Service`;
}

/**
 * Generates a TypeScript fetch client from `document` with openapi-typescript-codegen (as a user would:
 * `npx openapi-typescript-codegen --input docs.json --output client --client fetch --useOptions`) into a
 * temporary folder and loads it; Jest compiles its TypeScript like the tests'.
 */
export async function generateClient(document: OpenAPIObject): Promise<GeneratedClient> {
  const folder = await mkdtemp(join(tmpdir(), 'anvil-openapi-client-'));
  const input = join(folder, 'openapi.json');
  const output = join(folder, 'client');
  await writeFile(input, JSON.stringify(document));
  await generate({ input, output, httpClient: 'fetch', useOptions: true });
  const client = (await import(join(output, 'index.ts'))) as Record<string, unknown>;
  return {
    OpenAPI: client.OpenAPI as ClientSettings,
    ApiError: client.ApiError as GeneratedClient['ApiError'],
    operation(tag, operationId) {
      const service = client[serviceName(tag)] as Record<string, ClientOperation> | undefined;
      const method = service?.[operationId];
      if (typeof method !== 'function') {
        throw new Error(`the generated client has no ${serviceName(tag)}.${operationId}`);
      }
      return method.bind(service);
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
