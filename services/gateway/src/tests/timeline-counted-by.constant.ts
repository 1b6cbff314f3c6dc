/** Where a timeline puts a job's final state: the bucket it finished in (jobs), or the one it was submitted in (rollups). */
export const TIMELINE_COUNTED_BY = ['finish', 'submission'] as const;

export type TimelineCountedBy = (typeof TIMELINE_COUNTED_BY)[number];
