/** Milliseconds per unit of scenario time. */
export const MS_PER = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
