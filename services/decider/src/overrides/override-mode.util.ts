import { OverrideMode } from '@anvil/contracts';

/** The engine's name of an override mode; `undefined` for an unspecified one. */
export function engineOverrideMode(mode: OverrideMode): 'exclude' | 'online' | 'clear' | undefined {
  switch (mode) {
    case OverrideMode.EXCLUDE:
      return 'exclude';
    case OverrideMode.ONLINE:
      return 'online';
    case OverrideMode.CLEAR:
      return 'clear';
    case OverrideMode.UNSPECIFIED:
      return undefined;
  }
}
