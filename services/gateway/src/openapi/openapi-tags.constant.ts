/** The document's tags (controllers group their operations with `@ApiTags(name)`), in display order. */
export const OPENAPI_TAGS: readonly { name: string; description: string }[] = [
  {
    name: 'tests',
    description: 'Functional, stress and benchmark tests: create, list (the front page), detail, cancel',
  },
  { name: 'templates', description: 'Test templates and their versions' },
  { name: 'sites', description: 'Sites and their queues' },
  { name: 'queues', description: 'Queues: status, labels, efficiency per day, jobs' },
  { name: 'jobs', description: 'Jobs of a test or a queue' },
  { name: 'decisions', description: 'Exclusion and recovery decisions' },
  { name: 'outages', description: 'Known outages of sites and queues' },
  { name: 'overrides', description: 'Manual status overrides of queues' },
  { name: 'policies', description: 'Exclusion policies' },
  { name: 'api-tokens', description: 'API tokens for automation (admin)' },
  { name: 'audit', description: 'Who wrote what (admin)' },
  { name: 'auth', description: 'Who the caller is, and how the web UI signs in' },
];
