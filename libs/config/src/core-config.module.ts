import { Global, Module } from '@nestjs/common';
import { loadCoreConfig } from './core.env';

/** Injection token of the `CoreConfig` (validated once at startup). */
export const CORE_CONFIG = Symbol('CORE_CONFIG');

/** Provides `CORE_CONFIG` everywhere; LoggingModule imports it, so every service has it. */
@Global()
@Module({ providers: [{ provide: CORE_CONFIG, useFactory: () => loadCoreConfig() }], exports: [CORE_CONFIG] })
export class CoreConfigModule {}
