import type { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common/enums/request-method.enum';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import { getMetadataStorage } from 'class-validator';

export interface RouteDtos {
  method: string;
  /** In OpenAPI notation: `/api/v1/tests/{id}`. */
  path: string;
  /** Properties the `@Query()` DTO accepts (class-validator knows them), if the handler takes one. */
  query?: { dto: string; properties: string[] };
  /** Properties the `@Body()` DTO accepts, if the handler takes one. */
  body?: { dto: string; properties: string[] };
}

/** Nest stores a route argument under `<paramtype>:<index>`, with `data` (a property name) when it names one. */
type RouteArgs = Record<string, { index: number; data?: unknown }>;

function validatedProperties(dto: Type): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))].sort();
}

function joinPath(...parts: string[]): string {
  const path = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/');
  return `/${path}`.replace(/:(\w+)/g, '{$1}');
}

/** The whole-object DTO of `paramtype` among a handler's arguments (`@Query() q: ListTestsQuery`). */
function dtoOf(args: RouteArgs, paramtypes: unknown[], paramtype: RouteParamtypes): RouteDtos['query'] {
  const arg = Object.entries(args).find(([key, value]) => key.startsWith(`${paramtype}:`) && value.data === undefined);
  const dto = arg ? paramtypes[arg[1].index] : undefined;
  if (typeof dto !== 'function' || dto === Object) {
    return undefined;
  }
  return { dto: dto.name, properties: validatedProperties(dto as Type) };
}

/** Every route of the app's controllers under `prefix` with the DTOs of its query string and body. */
export function routeDtos(app: INestApplication, prefix: string): RouteDtos[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as Type | null;
    if (!controller) {
      return [];
    }
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') {
        return [];
      }
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (method === undefined || own === undefined) {
        return [];
      }
      const path = joinPath(base, Array.isArray(own) ? own[0] : own);
      if (!path.startsWith(prefix)) {
        return [];
      }
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as RouteArgs;
      const paramtypes = (Reflect.getMetadata('design:paramtypes', prototype, name) ?? []) as unknown[];
      return [
        {
          method: RequestMethod[method],
          path,
          query: dtoOf(args, paramtypes, RouteParamtypes.QUERY),
          body: dtoOf(args, paramtypes, RouteParamtypes.BODY),
        },
      ];
    });
  });
}
