import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** NATS headers as a plain record (the first value of each key). */
export function headersToRecord(hdrs: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (hdrs === undefined) {
    return record;
  }
  for (const key of hdrs.keys()) {
    record[key] = hdrs.get(key);
  }
  return record;
}

/** A plain record as NATS headers. */
export function recordToHeaders(record: Readonly<Record<string, string>>): MsgHdrs {
  const hdrs = natsHeaders();
  for (const [key, value] of Object.entries(record)) {
    hdrs.set(key, value);
  }
  return hdrs;
}
