import { backgroundQueues } from '../realise/background-queues.util';
import type {
  GridIncident,
  GridSpec,
  JobTiming,
  QueueBaseline,
  QueueIncident,
  QueueSpec,
  ScenarioDescription,
} from '../scenario.types';
import { at, ScenarioReader } from './scenario-reader';

const TOP_FIELDS = ['name', 'summary', 'startTime', 'durationHours', 'grid', 'queues', 'incidents'] as const;

/**
 * Checks an untrusted value (a parsed JSON/YAML scenario file) and returns it as a `ScenarioDescription`.
 * Strict: an unknown key, a wrong type or an impossible value (a window past the end, a site outage of a
 * site without queues, two queues with one id) throws a `ScenarioValidationException` naming its path.
 * `startTime` may also be an ISO-8601 string; it is returned as epoch ms.
 */
export function parseScenario(value: unknown, source?: string): ScenarioDescription {
  const r = new ScenarioReader(source);
  const top = r.object(value, '', TOP_FIELDS);
  const name = r.id(top.name, 'name');
  const summary = r.string(top.summary, 'summary');
  const startTime = parseStartTime(r, top.startTime);
  const durationHours = r.number(top.durationHours, 'durationHours', 0, Number.POSITIVE_INFINITY, true);
  const grid = parseGrid(r, top.grid);
  const queues = r.list(top.queues, 'queues', (q, path) => parseQueue(r, q, path, durationHours));
  const seen = new Set(backgroundQueues(grid).map((q) => q.id));
  queues.forEach((queue, index) => {
    if (seen.has(queue.id)) {
      r.fail(`queues[${index}].id`, `duplicates queue ${queue.id} (background queues are <site>_<suffix>)`);
    }
    seen.add(queue.id);
  });
  const sites = new Set([...grid.sites.filter((s) => s.queues > 0).map((s) => s.id), ...queues.map((q) => q.site)]);
  const incidents = r.list(top.incidents, 'incidents', (i, path) => parseGridIncident(r, i, path, durationHours));
  incidents.forEach((incident, index) => {
    if (incident.kind === 'site-outage' && !sites.has(incident.site)) {
      r.fail(`incidents[${index}].site`, `matches no queue of the scenario (sites: ${[...sites].join(', ')})`);
    }
  });
  return {
    name,
    summary,
    startTime,
    durationHours,
    grid,
    queues,
    incidents,
  };
}

function parseStartTime(r: ScenarioReader, value: unknown): number {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      r.fail('startTime', `must be epoch ms or an ISO-8601 time, got ${JSON.stringify(value)}`);
    }
    return ms;
  }
  return r.number(value, 'startTime', 0);
}

function parseGrid(r: ScenarioReader, value: unknown): GridSpec {
  const g = r.object(value, 'grid', [
    'sites',
    'queueSuffixes',
    'templates',
    'backgroundFailureRate',
    'backgroundErrorMix',
    'timing',
  ]);
  const sites = r.list(g.sites, 'grid.sites', (s, path) => {
    const site = r.object(s, path, ['id', 'queues']);
    return { id: r.id(site.id, at(path, 'id')), queues: r.integer(site.queues, at(path, 'queues'), 0) };
  });
  const templates = r.list(g.templates, 'grid.templates', (t, path) => r.id(t, path));
  if (templates.length === 0) {
    r.fail('grid.templates', 'needs at least one golden template');
  }
  return {
    sites,
    queueSuffixes: r.list(g.queueSuffixes, 'grid.queueSuffixes', (s, path) => r.id(s, path)),
    templates,
    backgroundFailureRate: r.range(g.backgroundFailureRate, 'grid.backgroundFailureRate', 0, 1),
    backgroundErrorMix: r.errorMix(g.backgroundErrorMix, 'grid.backgroundErrorMix'),
    timing: parseTiming(r, g.timing, 'grid.timing'),
  };
}

function parseTiming(r: ScenarioReader, value: unknown, path: string): JobTiming {
  const t = r.object(value, path, ['cadenceMinutes', 'jitter', 'successMinutes', 'failureMinutes']);
  return {
    cadenceMinutes: r.range(t.cadenceMinutes, at(path, 'cadenceMinutes'), 0, Number.POSITIVE_INFINITY, true),
    jitter: r.number(t.jitter, at(path, 'jitter'), 0, 0.99),
    successMinutes: r.range(t.successMinutes, at(path, 'successMinutes'), 0),
    failureMinutes: r.range(t.failureMinutes, at(path, 'failureMinutes'), 0),
  };
}

function parseQueue(r: ScenarioReader, value: unknown, path: string, durationHours: number): QueueSpec {
  const q = r.object(value, path, ['id', 'site', 'baseline', 'incidents'], ['cadenceMinutes']);
  const cadence =
    q.cadenceMinutes === undefined
      ? {}
      : { cadenceMinutes: r.range(q.cadenceMinutes, at(path, 'cadenceMinutes'), 0, Number.POSITIVE_INFINITY, true) };
  return {
    id: r.id(q.id, at(path, 'id')),
    site: r.id(q.site, at(path, 'site')),
    baseline: parseBaseline(r, q.baseline, at(path, 'baseline')),
    ...cadence,
    incidents: r.list(q.incidents, at(path, 'incidents'), (i, p) => parseQueueIncident(r, i, p, durationHours)),
  };
}

function parseBaseline(r: ScenarioReader, value: unknown, path: string): QueueBaseline {
  const kind = r.kind(value, path, ['healthy', 'flaky', 'slow'] as const);
  switch (kind) {
    case 'healthy':
      r.object(value, path, ['kind']);
      return { kind };
    case 'flaky': {
      const b = r.object(value, path, ['kind', 'failureRate', 'errorMix']);
      return {
        kind,
        failureRate: r.rate(b.failureRate, at(path, 'failureRate')),
        errorMix: r.errorMix(b.errorMix, at(path, 'errorMix')),
      };
    }
    case 'slow': {
      const b = r.object(value, path, ['kind', 'durationFactor']);
      return { kind, durationFactor: r.number(b.durationFactor, at(path, 'durationFactor'), 0, 1000, true) };
    }
  }
}

function parseQueueIncident(r: ScenarioReader, value: unknown, path: string, hours: number): QueueIncident {
  const kind = r.kind(value, path, ['black-hole', 'degradation', 'outage', 'flapping'] as const);
  switch (kind) {
    case 'black-hole': {
      const i = r.object(value, path, ['kind', 'window', 'errorMix', 'failureMinutes']);
      return {
        kind,
        window: r.window(i.window, at(path, 'window'), hours),
        errorMix: r.errorMix(i.errorMix, at(path, 'errorMix')),
        failureMinutes: r.range(i.failureMinutes, at(path, 'failureMinutes'), 0),
      };
    }
    case 'degradation': {
      const i = r.object(value, path, ['kind', 'window', 'rampHours', 'maxFailureRate', 'brokenAbove', 'errorMix']);
      return {
        kind,
        window: r.window(i.window, at(path, 'window'), hours),
        rampHours: r.number(i.rampHours, at(path, 'rampHours'), 0, Number.POSITIVE_INFINITY, true),
        maxFailureRate: r.rate(i.maxFailureRate, at(path, 'maxFailureRate')),
        brokenAbove: r.rate(i.brokenAbove, at(path, 'brokenAbove')),
        errorMix: r.errorMix(i.errorMix, at(path, 'errorMix')),
      };
    }
    case 'outage': {
      const i = r.object(value, path, ['kind', 'window', 'failureRate', 'errorMix', 'hitsRunningJobs']);
      return {
        kind,
        window: r.window(i.window, at(path, 'window'), hours),
        failureRate: r.rate(i.failureRate, at(path, 'failureRate')),
        errorMix: r.errorMix(i.errorMix, at(path, 'errorMix')),
        hitsRunningJobs: r.boolean(i.hitsRunningJobs, at(path, 'hitsRunningJobs')),
      };
    }
    case 'flapping': {
      const i = r.object(value, path, ['kind', 'window', 'brokenHours', 'healthyHours', 'failureRate', 'errorMix']);
      return {
        kind,
        window: r.window(i.window, at(path, 'window'), hours),
        // Phases of zero length would never advance the realisation: both minimums must be positive.
        brokenHours: r.range(i.brokenHours, at(path, 'brokenHours'), 0, Number.POSITIVE_INFINITY, true),
        healthyHours: r.range(i.healthyHours, at(path, 'healthyHours'), 0, Number.POSITIVE_INFINITY, true),
        failureRate: r.rate(i.failureRate, at(path, 'failureRate')),
        errorMix: r.errorMix(i.errorMix, at(path, 'errorMix')),
      };
    }
  }
}

function parseGridIncident(r: ScenarioReader, value: unknown, path: string, hours: number): GridIncident {
  const kind = r.kind(value, path, ['site-outage', 'central-outage'] as const);
  switch (kind) {
    case 'site-outage': {
      const i = r.object(value, path, ['kind', 'site', 'window', 'failureRate', 'errorMix', 'hitsRunningJobs']);
      return {
        kind,
        site: r.id(i.site, at(path, 'site')),
        window: r.window(i.window, at(path, 'window'), hours),
        failureRate: r.rate(i.failureRate, at(path, 'failureRate')),
        errorMix: r.errorMix(i.errorMix, at(path, 'errorMix')),
        hitsRunningJobs: r.boolean(i.hitsRunningJobs, at(path, 'hitsRunningJobs')),
      };
    }
    case 'central-outage': {
      const i = r.object(value, path, [
        'kind',
        'window',
        'affectedFraction',
        'failureRate',
        'errorMix',
        'failureMinutes',
        'hitsRunningJobs',
      ]);
      return {
        kind,
        window: r.window(i.window, at(path, 'window'), hours),
        affectedFraction: r.rate(i.affectedFraction, at(path, 'affectedFraction')),
        failureRate: r.rate(i.failureRate, at(path, 'failureRate')),
        errorMix: r.errorMix(i.errorMix, at(path, 'errorMix')),
        failureMinutes: r.range(i.failureMinutes, at(path, 'failureMinutes'), 0),
        hitsRunningJobs: r.boolean(i.hitsRunningJobs, at(path, 'hitsRunningJobs')),
      };
    }
  }
}
