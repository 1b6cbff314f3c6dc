import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContractFixture } from './recorded-exchange';

/** Reads `<dir>/contract/<name>.json`; throws naming the file when it is not a fixture. */
export function loadContractFixture(dir: string, name: string): ContractFixture {
  const file = join(dir, 'contract', `${name}.json`);
  const fixture = JSON.parse(readFileSync(file, 'utf8')) as Partial<ContractFixture>;
  if (!Array.isArray(fixture.exchanges) || !Array.isArray(fixture.sources) || fixture.sources.length === 0) {
    throw new Error(`${file} is not a contract fixture: it needs exchanges and at least one source`);
  }
  return fixture as ContractFixture;
}
