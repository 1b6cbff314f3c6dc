export * from './config.exception';
export * from './env-reader';
export * from './core.env';
export * from './core-config.module';
