import type { PandaJobAttribute } from './panda-job-attributes.constant';

/**
 * One job as `GET /api/v1/job/get_description` returns it: `JobSpec.to_dict()`, keyed by attribute name,
 * unset values null, datetimes as Python `str(datetime)` in UTC (`2025-03-01 12:00:00[.ffffff]`).
 */
export type PandaJobRecord = Readonly<Partial<Record<PandaJobAttribute, unknown>>>;

/** The attribute as text; null, empty and "NULL" give undefined. */
export function recordText(record: PandaJobRecord, name: PandaJobAttribute): string | undefined {
  const value = record[name];
  if (typeof value === 'number') {
    return String(value);
  }
  return typeof value === 'string' && value !== '' && value !== 'NULL' ? value : undefined;
}

/** The attribute as a finite number (PanDA sends some numbers as strings); otherwise undefined. */
export function recordNumber(record: PandaJobRecord, name: PandaJobAttribute): number | undefined {
  const text = recordText(record, name);
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The attribute as a UTC date; PanDA's datetimes carry no zone and are UTC. */
export function recordDate(record: PandaJobRecord, name: PandaJobAttribute): Date | undefined {
  const text = recordText(record, name);
  const match = text === undefined ? null : /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d(?:\.\d+)?)$/.exec(text);
  if (match === null) {
    return undefined;
  }
  const date = new Date(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
