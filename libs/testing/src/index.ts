export * from './expect-eventually';
export * from './unique-name';
export * from './test-database';
export * from './test-bus';
export * from './service-process';
export * from './free-port';
export * from './example-workload';
export * from './haproxy-process';
