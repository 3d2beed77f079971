import { formatSeed } from "../support/prng.js";
import type { Figures } from "./harness.js";

/** The figures as a plain-text table, one row per scenario, then each scenario's own counts. */
export function formatTable(results: readonly Figures[]): string {
  const head = ["scenario", "runs", "acknowledged", "lost", "duplicates", "crashes", "failed runs", "time"];
  const rows = results.map((f) => [f.scenario, f.runs, f.acknowledged, f.lost, f.duplicates, f.crashes, f.failures.length, `${(f.ms / 1000).toFixed(1)} s`].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const out = [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const f of results) {
    const extra = Object.entries(f.extra);
    if (extra.length > 0) out.push(`${f.scenario}: ${extra.map(([k, v]) => `${k} ${v}`).join("; ")}`);
  }
  return out.join("\n");
}

export function formatFailures(f: Figures): string {
  return f.failures
    .map(
      (x) =>
        `FAILED ${x.scenario} run seed ${formatSeed(x.runSeed)} — replay: node --import tsx test/chaos/run.ts --scenario ${x.scenario} --run-seed ${formatSeed(x.runSeed)} --count ${x.size}` +
        `${x.dir ? `\n  folder kept: ${x.dir}` : ""}\n  ${x.message.replaceAll("\n", "\n  ")}`,
    )
    .join("\n");
}
