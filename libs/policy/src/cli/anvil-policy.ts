import { loadPolicySource } from '../load-policy-source.util';
import { PolicyValidationError } from '../policy/policy-validation.exception';
import { POLICY_PRESET_NAMES } from '../presets/policy-preset-names.constant';
import { TraceLineError } from '../replay/trace-line.exception';
import { CLI_USAGE } from './cli-usage.constant';
import { CliUsageError } from './cli-usage.exception';
import { parseReplayArgs, runReplay } from './replay.command';

const out = (text: string): void => void process.stdout.write(text);
const err = (text: string): void => void process.stderr.write(text);

function validate(file: string): number {
  try {
    const policy = loadPolicySource(file);
    out(`OK: ${policy.name} version ${policy.version} (${policy.enforce ? 'enforced' : 'dry-run'})\n`);
    return 0;
  } catch (error) {
    if (error instanceof PolicyValidationError) {
      for (const p of error.problems) {
        out(`${p.path}: ${p.message}\n`);
      }
      return 1;
    }
    throw error;
  }
}

function single(args: readonly string[], command: string): string {
  if (args.length !== 1 || args[0].startsWith('--')) {
    throw new CliUsageError(`${command}: expects exactly one argument`);
  }
  return args[0];
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'replay':
      await runReplay(parseReplayArgs(args), process.stdin, out);
      return 0;
    case 'validate':
      return validate(single(args, 'validate'));
    case 'presets':
      if (args.length > 0) {
        throw new CliUsageError('presets: takes no arguments');
      }
      out(`${POLICY_PRESET_NAMES.join('\n')}\n`);
      return 0;
    case 'show':
      out(`${JSON.stringify(loadPolicySource(single(args, 'show')), null, 2)}\n`);
      return 0;
    default:
      throw new CliUsageError(
        command === undefined ? 'a command is required' : `unknown command ${JSON.stringify(command)}`,
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof CliUsageError) {
      err(`anvil-policy: ${error.message}\n${CLI_USAGE}`);
      process.exitCode = 2;
      return;
    }
    const known = error instanceof TraceLineError || error instanceof PolicyValidationError || error instanceof Error;
    err(`anvil-policy: ${known ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
