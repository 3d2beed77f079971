// Chaos runner: node --import tsx test/chaos/run.ts [--scenario R1[,R2…]|all] [--count N | --full] [--seed S] [--run-seed S] [--json FILE]
// Runs each scenario `count` times (default: the quick CI counts), prints the figures, exits 1 on any failure.
import { writeFileSync } from "node:fs";
import { formatSeed, freshSeed, parseSeed } from "../support/prng.js";
import { SCENARIOS, scenarioById, type ScenarioEntry } from "./scenarios/index.js";
import { formatFailures, formatTable } from "./report.js";
import type { Figures } from "./harness.js";

interface Args {
  scenarios: ScenarioEntry[];
  count?: number;
  full: boolean;
  seed: number;
  runSeed?: number;
  json?: string;
  quiet: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scenarios: [...SCENARIOS], full: false, seed: freshSeed(), quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--scenario" || a === "-s") {
      const v = value();
      args.scenarios = v === "all" ? [...SCENARIOS] : v.split(",").map(scenarioById);
    } else if (a === "--count" || a === "-n") args.count = Number.parseInt(value(), 10);
    else if (a === "--full") args.full = true;
    else if (a === "--seed") args.seed = parseSeed(value());
    else if (a === "--run-seed") args.runSeed = parseSeed(value());
    else if (a === "--json") args.json = value();
    else if (a === "--quiet" || a === "-q") args.quiet = true;
    else if (a === "--help" || a === "-h") {
      console.log(`usage: node --import tsx test/chaos/run.ts [options]
  --scenario, -s  R1,R2,… or all (default all)
  --count, -n     runs per scenario (default: each scenario's quick CI count)
  --full          each scenario's on-demand count (${SCENARIOS.map((s) => `${s.id} ${s.full}`).join(", ")})
  --seed          master seed (decimal or 0x-hex; default: fresh, printed)
  --run-seed      replay one failing run (seed from a failure report; use with one --scenario and its --count)
  --json FILE     also write the figures as JSON
  --quiet, -q     no per-run progress lines
Scenarios: ${SCENARIOS.map((s) => `${s.id} (${s.title}; quick ${s.quick}, full ${s.full})`).join("; ")}`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
console.log(`chaos: seed ${formatSeed(args.seed)}${args.runSeed !== undefined ? `, replaying run seed ${formatSeed(args.runSeed)}` : ""}`);
const results: Figures[] = [];
const t0 = Date.now();
for (const s of args.scenarios) {
  const count = args.count ?? (args.full ? s.full : s.quick);
  if (count === 0) continue;
  console.log(`\n${s.id} — ${s.title}: ${count} run(s)`);
  const f = await s.run({
    count,
    seed: args.seed,
    ...(args.runSeed !== undefined ? { runSeed: args.runSeed } : {}),
    ...(args.quiet ? {} : { log: (line: string) => console.log(`  ${line}`) }),
  });
  results.push(f);
  if (f.failures.length > 0) console.log(formatFailures(f));
}
console.log(`\n${formatTable(results)}\ntotal ${((Date.now() - t0) / 1000).toFixed(1)} s, seed ${formatSeed(args.seed)}`);
if (args.json) writeFileSync(args.json, JSON.stringify({ seed: args.seed, results }, null, 2));
const failed = results.some((f) => f.failures.length > 0 || f.lost > 0 || f.duplicates > 0 || f.crashes > 0);
// Child processes are all stopped; exit explicitly so a stray timer can't hold the runner.
process.exit(failed ? 1 : 0);
