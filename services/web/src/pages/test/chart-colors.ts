/** Outcome colours, as in the tables' CSS (green completed, red failed, grey cancelled, purple lost, blue submitted). */
export const OUTCOME_COLOR = {
  submitted: '#6f9ad8',
  completed: '#2e9447',
  failed: '#c8352c',
  cancelled: '#9aa3ad',
  lost: '#8a5cc2',
} as const;

export const AXIS_TICK = { fontSize: 11, fill: '#5f6b7a' };
export const GRID_STROKE = '#e6e9ee';
