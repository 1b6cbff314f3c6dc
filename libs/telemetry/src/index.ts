export * from './start-telemetry';
export * from './create-logger';
export * from './logging.module';
export * from './readiness.service';
export * from './health.controller';
export * from './health.module';
export * from './bootstrap-service';
