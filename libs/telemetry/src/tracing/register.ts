// `import '@anvil/telemetry/register'`, the first line of every service's main.ts: patches http and pg for
// tracing before Nest, Express, TypeORM or pg are loaded. Loads nothing but the instrumentations.
import { registerTracingInstrumentations } from './register-tracing-instrumentations';

registerTracingInstrumentations();
