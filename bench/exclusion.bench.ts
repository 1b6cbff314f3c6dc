// `npm run bench -- exclusion [--write] [--seed N] [--seeds N] [--scenario NAME]`: generates every
// scenario of bench/scenarios for seeds N.., replays it with both presets and scores the decisions
// against the ground truth (docs/bench.md says how to read the figures). Asserts nothing; the last
// line is one JSON object.
import { join, relative } from 'node:path';
import { SCENARIO_CATALOGUE } from '@anvil/backends';
import { presetPolicy, replay } from '@anvil/policy';
import { parseExclusionBenchOptions } from './scenarios/exclusion-bench-options.util';
import { generateScenario } from './scenarios/generator/generate-scenario.util';
import { scoreTable } from './scenarios/output/score-table.util';
import { writeTraces } from './scenarios/output/write-traces.util';
import type { ScenarioScore } from './scenarios/scoring/scenario-score.types';
import { scoreFigures } from './scenarios/scoring/score-figures.util';
import { scoreScenario } from './scenarios/scoring/score-scenario.util';

const PRESETS = ['hammercloud-classic', 'anvil-default'] as const;
type PresetName = (typeof PRESETS)[number];

const options = parseExclusionBenchOptions(process.argv.slice(2));
const unknown = options.only.filter((name) => !SCENARIO_CATALOGUE.some((d) => d.name === name));
if (unknown.length > 0) {
  throw new Error(`unknown scenario ${unknown.join(', ')} (have ${SCENARIO_CATALOGUE.map((d) => d.name).join(', ')})`);
}
const descriptions = SCENARIO_CATALOGUE.filter((d) => options.only.length === 0 || options.only.includes(d.name));
const seeds = Array.from({ length: options.seeds }, (_, i) => options.seed + i);
const runs = seeds.map((seed) => descriptions.map((d) => generateScenario(d, seed)));

if (options.write) {
  const dir = join(__dirname, '..', 'scenarios', 'traces');
  const paths = writeTraces(dir, runs[0]);
  console.log(`wrote ${paths.length} traces of seed ${seeds[0]} (+ .truth.json) to ${relative(process.cwd(), dir)}`);
  console.log(
    `replay one: npx anvil-policy replay --policy anvil-default --trace ${relative(process.cwd(), paths[0])}\n`,
  );
}

// scores.get(preset).get(scenario)[i] is the score of seeds[i].
const scores = new Map<PresetName, Map<string, ScenarioScore[]>>();
const replayTime = new Map<PresetName, { events: number; ms: number }>();
for (const preset of PRESETS) {
  const policy = presetPolicy(preset);
  const byScenario = new Map<string, ScenarioScore[]>(descriptions.map((d) => [d.name, []]));
  let events = 0;
  let ms = 0;
  for (const scenario of runs.flat()) {
    const started = process.hrtime.bigint();
    const decisions = replay(policy, scenario.outcomes);
    ms += Number(process.hrtime.bigint() - started) / 1e6;
    events += scenario.outcomes.length;
    byScenario.get(scenario.description.name)!.push(scoreScenario(scenario.truth, scenario.outcomes, decisions));
  }
  scores.set(preset, byScenario);
  replayTime.set(preset, { events, ms });
}

const scoresOf = (preset: PresetName, scenario?: string): ScenarioScore[] => {
  const byScenario = scores.get(preset)!;
  return scenario === undefined ? [...byScenario.values()].flat() : byScenario.get(scenario)!;
};
const replayFigures = (preset: PresetName) => {
  const { events, ms } = replayTime.get(preset)!;
  return { events, replaySeconds: Math.round(ms) / 1000, eventsPerSecond: Math.round(events / (ms / 1000)) };
};

console.log(`exclusion benchmark: ${descriptions.length} scenarios x seeds ${seeds.join(', ')} (figures pooled)\n`);
for (const d of descriptions) {
  const columns = PRESETS.map((preset) => ({ name: preset, figures: scoreFigures(scoresOf(preset, d.name)) }));
  console.log(`${scoreTable(`${d.name}: ${d.summary}`, columns)}\n`);
}
console.log(
  scoreTable(
    'all scenarios',
    PRESETS.map((preset) => ({ name: preset, figures: scoreFigures(scoresOf(preset)) })),
  ),
);
for (const preset of PRESETS) {
  const r = replayFigures(preset);
  console.log(`replay ${preset}: ${r.events} events in ${r.replaySeconds} s = ${r.eventsPerSecond} events/s`);
}

// The black hole's detection delay in jobs, per seed (null when missed), to compare the presets run by run.
const blackHoleJobs = (preset: PresetName): (number | null)[] =>
  (scores.get(preset)!.get('black-hole') ?? []).map((s) => s.detectionDelays[0]?.jobs ?? null);
const classicRuns = blackHoleJobs('hammercloud-classic');
const anvilLater = blackHoleJobs('anvil-default').filter((jobs, i) => {
  const classic = classicRuns[i] ?? null;
  return classic !== null && (jobs === null || jobs > classic);
}).length;
const anvil = scoreFigures(scoresOf('anvil-default'));
const blackHoleMedian = (preset: PresetName): number | null =>
  scores.get(preset)!.has('black-hole') ? scoreFigures(scoresOf(preset, 'black-hole')).medianDetectionJobs : null;
const targets = {
  centralOutageFalseExclusions: anvil.centralOutageExclusions,
  flakyExcluded: anvil.flakyExclusions,
  blackHoleDetectionJobs: { classic: blackHoleMedian('hammercloud-classic'), anvil: blackHoleMedian('anvil-default') },
  blackHoleRunsDetectedLaterThanClassic: anvilLater,
  maxRecoverySuccessfulJobsPerTemplate: anvil.maxRecoverySuccessfulJobsPerTemplate,
  maxRecoveryBusiestTemplateSuccesses: anvil.maxRecoveryBusiestTemplateSuccesses,
};
console.log(
  `\ntargets (anvil-default): central-outage false exclusions ${targets.centralOutageFalseExclusions} (want 0), ` +
    `flaky exclusions ${targets.flakyExcluded} (want 0), black-hole median detection ${targets.blackHoleDetectionJobs.anvil} ` +
    `vs classic ${targets.blackHoleDetectionJobs.classic} jobs (later in ${anvilLater} of ${classicRuns.length} runs; want 0), ` +
    `worst recovery ${targets.maxRecoverySuccessfulJobsPerTemplate} successes per template (want <= 3; ` +
    `${targets.maxRecoveryBusiestTemplateSuccesses} for the busiest template)`,
);
console.log(
  JSON.stringify({
    presets: Object.fromEntries(
      PRESETS.map((preset) => [preset, { ...scoreFigures(scoresOf(preset)), ...replayFigures(preset) }]),
    ),
    scenarios: Object.fromEntries(
      descriptions.map((d) => [
        d.name,
        Object.fromEntries(
          PRESETS.map((preset) => {
            const list = scoresOf(preset, d.name);
            return [
              preset,
              { ...scoreFigures(list), centralOutageAffectedQueues: list[0]?.centralOutageAffectedQueues ?? 0 },
            ];
          }),
        ),
      ]),
    ),
    targets,
    seeds,
  }),
);
