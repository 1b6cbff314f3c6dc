import type { DecisionAction, DecisionSource } from '@anvil/db';

export const DECISION_ACTIONS = ['exclude', 'recover', 'override'] as const satisfies readonly DecisionAction[];

export const DECISION_SOURCES = ['policy', 'manual', 'guard'] as const satisfies readonly DecisionSource[];
