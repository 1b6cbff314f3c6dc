export * from './gen/anvil/v1/decision_pb';
export * from './gen/anvil/v1/job_pb';
export * from './gen/anvil/v1/test_pb';
export * from './contract';
export * from './catalogue';
export * from './streams';
export * from './job-state.util';
export * from './subject-token.util';
