import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// swagger-parser's ref parser is an ES module, which Jest's CommonJS runtime cannot load on Node 20; plain
// Node can (require of ESM), so the validation runs in a child process.
const VALIDATE = `
require('@apidevtools/swagger-parser')
  .validate(process.argv[1])
  .then(() => console.log('valid'), (error) => { console.log(error.message); process.exitCode = 1; });
`;

/** `null` when swagger-parser's `validate` accepts `document` (schema and references), else its message. */
export async function openApiProblems(document: unknown): Promise<string | null> {
  const folder = await mkdtemp(join(tmpdir(), 'anvil-openapi-'));
  const file = join(folder, 'openapi.json');
  try {
    await writeFile(file, JSON.stringify(document));
    await promisify(execFile)(process.execPath, ['-e', VALIDATE, file], { cwd: __dirname });
    return null;
  } catch (error) {
    const failed = error as { stdout?: string; message: string };
    return failed.stdout?.trim() || failed.message;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
