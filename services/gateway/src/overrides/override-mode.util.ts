import { OverrideMode } from '@anvil/contracts';
import type { OverrideModeName } from './override-modes.constant';

export function toOverrideMode(mode: OverrideModeName): OverrideMode {
  switch (mode) {
    case 'exclude':
      return OverrideMode.EXCLUDE;
    case 'online':
      return OverrideMode.ONLINE;
    case 'clear':
      return OverrideMode.CLEAR;
  }
}
