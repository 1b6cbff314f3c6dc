/**
 * Times are shown in UTC (the rollups and the sites matrix are per UTC day), as `2025-03-04 13:05`; the full ISO
 * instant and the local time are in the tooltip.
 */
function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function toDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * `2025-03-04 13:05` (UTC), or `–`; `compact` leaves out the year when it is this year (`03-04 13:05`), for dense
 * tables.
 */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  withSeconds = false,
  compact = false,
): string {
  const d = toDate(value);
  if (!d) {
    return '–';
  }
  const md = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const date = compact && d.getUTCFullYear() === new Date().getUTCFullYear() ? md : `${d.getUTCFullYear()}-${md}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${date} ${time}`;
}

/** `13:05`, or `13:05:09` with seconds (UTC), for chart axes within a day. */
export function formatClock(value: string | number | Date | null | undefined, withSeconds = false): string {
  const d = toDate(value);
  if (!d) {
    return '';
  }
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withSeconds ? `${hm}:${pad(d.getUTCSeconds())}` : hm;
}

/** `2025-03-04` (UTC). */
export function formatDay(value: string | number | Date | null | undefined): string {
  const d = toDate(value);
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : '–';
}

/** `3 min ago`, `in 2 h`, relative to `now`. */
export function formatRelative(value: string | number | Date | null | undefined, now: number = Date.now()): string {
  const d = toDate(value);
  if (!d) {
    return '–';
  }
  const s = Math.round((d.getTime() - now) / 1000);
  const abs = Math.abs(s);
  const span =
    abs < 60
      ? `${abs} s`
      : abs < 3600
        ? `${Math.round(abs / 60)} min`
        : abs < 86400
          ? `${Math.round(abs / 3600)} h`
          : `${Math.round(abs / 86400)} d`;
  return s <= 0 ? `${span} ago` : `in ${span}`;
}

/** A duration in seconds as `45 s`, `12 min 5 s`, `3 h 4 min`, `2 d 3 h`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return '–';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s} s`;
  }
  const part = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
  if (s < 3600) {
    return part(Math.floor(s / 60), 'min', s % 60, 's');
  }
  if (s < 86400) {
    return part(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  }
  return part(Math.floor(s / 86400), 'd', Math.floor((s % 86400) / 3600), 'h');
}

/** A `<time>` showing `formatDateTime` with the ISO instant and local time as tooltip. */
export function Time({
  value,
  withSeconds,
  compact,
}: {
  value: string | number | Date | null | undefined;
  withSeconds?: boolean;
  compact?: boolean;
}) {
  const d = toDate(value);
  if (!d) {
    return <span className="muted">–</span>;
  }
  return (
    <time dateTime={d.toISOString()} title={`${d.toISOString()} · local ${d.toLocaleString()}`}>
      {formatDateTime(d, withSeconds, compact)}
    </time>
  );
}
