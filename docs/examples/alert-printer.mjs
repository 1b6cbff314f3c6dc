// Example alerting consumer: reads Anvil's decision events and prints grouped alerts (docs/alerting.md).
// Run from the repository, after `npm run build`:
//   node docs/examples/alert-printer.mjs [durable-name]      (default name: alert-printer)
// Settings: ANVIL_NATS_URL, ANVIL_NAMESPACE (as the services), ALERT_GROUP_WINDOW_MS (default 5000).
import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AckPolicy, DeliverPolicy, connect, nanos } from 'nats';
import contracts from '@anvil/contracts';

const { OutageChangedSchema, OverrideMode, QueueDecidedSchema, QueueOverriddenSchema } = contracts;
const durable = process.argv[2] ?? 'alert-printer';
const windowMs = Number(process.env.ALERT_GROUP_WINDOW_MS ?? 5000);
// The namespace prefixes subjects with `<ns>.` and stream names with `<ns>_` (libs/bus/src/bus-namespace.ts).
const namespace = process.env.ANVIL_NAMESPACE ?? '';
const stream = namespace === '' ? 'ANVIL_DECISIONS' : `${namespace}_ANVIL_DECISIONS`;
const unprefix = (subject) => (namespace === '' ? subject : subject.slice(namespace.length + 1));

const groups = new Map(); // `<action>|<site>` -> { queues: Map(queueId -> { rule, msg }), timer }
const outages = new Map(); // open outage id -> { queueIds: Set, inhibited: number }

function decided(d, msg) {
  if (!d.enforced) return msg.ack(); // dry-run detections are recorded by the decider, not alerted
  // A decision of an outage, or of a queue in an open outage, is covered by the outage's own alert.
  const outage = d.outageId ? outages.get(d.outageId) : [...outages.values()].find((o) => o.queueIds.has(d.queueId));
  if (outage || d.outageId) {
    if (outage) outage.inhibited += 1;
    return msg.ack();
  }
  const key = `${d.action}|${d.labels.site ?? 'unknown-site'}`;
  if (!groups.has(key)) groups.set(key, { queues: new Map(), timer: setTimeout(() => flush(key), windowMs) });
  groups.get(key).queues.get(d.queueId)?.msg.ack(); // same queue twice in a window: one line
  groups.get(key).queues.set(d.queueId, { rule: d.evidence?.rule || d.reason, msg });
}

function flush(key) {
  const { queues, timer } = groups.get(key);
  groups.delete(key);
  clearTimeout(timer);
  const [action, site] = key.split('|');
  const list = [...queues.keys()].sort().map((q) => `${q} (${queues.get(q).rule})`);
  const [state, verb] = action === 'exclude' ? ['FIRING', 'excluded'] : ['RESOLVED', 'recovered'];
  console.log(`[${state}] site=${site} ${verb} ${list.length} queue(s): ${list.join(', ')}`);
  for (const { msg } of queues.values()) msg.ack(); // ack once the alert is out
}

function outageChanged(o, msg) {
  if (o.change === 'opened') {
    const entry = { queueIds: new Set(o.queueIds), inhibited: 0 };
    outages.set(o.outageId, entry);
    for (const [key, group] of groups) {
      for (const q of o.queueIds.filter((id) => group.queues.has(id))) {
        group.queues.get(q).msg.ack(); // a pending per-queue alert is inhibited by the outage
        group.queues.delete(q);
        entry.inhibited += 1;
      }
      if (group.queues.size === 0) {
        clearTimeout(group.timer);
        groups.delete(key);
      }
    }
    console.log(`[OUTAGE] opened ${o.outageId} scope=${o.scope}: ${o.reason} (${o.queueIds.length} queue(s))`);
  } else {
    const inhibited = outages.get(o.outageId)?.inhibited ?? 0;
    outages.delete(o.outageId);
    console.log(
      `[OUTAGE] closed ${o.outageId} scope=${o.scope}: ${o.queueIds.length} queue(s) recovered, ${inhibited} alert(s) inhibited`,
    );
  }
  msg.ack();
}

function overridden(o, msg) {
  const until = o.expiresAt ? ` until ${timestampDate(o.expiresAt).toISOString()}` : '';
  const mode = OverrideMode[o.mode].toLowerCase();
  console.log(`[OVERRIDE] queue=${o.queueId} ${mode} by ${o.actor} -> ${o.status}${until}: ${o.reason}`);
  msg.ack();
}

const nc = await connect({ servers: process.env.ANVIL_NATS_URL ?? 'nats://127.0.0.1:4222', name: durable });
const jsm = await nc.jetstreamManager();
// Our own durable: created on the first run with DeliverPolicy.All (replays the whole stream), resumed later.
await jsm.consumers.add(stream, {
  durable_name: durable,
  ack_policy: AckPolicy.Explicit,
  deliver_policy: DeliverPolicy.All,
  ack_wait: nanos(windowMs + 30_000),
});
const messages = await (await nc.jetstream().consumers.get(stream, durable)).consume();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const key of [...groups.keys()]) flush(key);
    messages.close().then(() => nc.drain());
  });
}
console.error(`alert-printer: consuming ${stream} as ${durable}`);
for await (const msg of messages) {
  const subject = unprefix(msg.subject);
  try {
    if (/^anvil\.queue\.(excluded|recovered)\./.test(subject)) decided(fromBinary(QueueDecidedSchema, msg.data), msg);
    else if (subject.startsWith('anvil.queue.override.')) overridden(fromBinary(QueueOverriddenSchema, msg.data), msg);
    else if (subject.startsWith('anvil.outage.')) outageChanged(fromBinary(OutageChangedSchema, msg.data), msg);
    else msg.ack(); // commands (anvil.queue.override-requested) share the stream: not alerts
  } catch (error) {
    console.error(`alert-printer: dropping undecodable ${subject}: ${error.message}`);
    msg.term();
  }
}
