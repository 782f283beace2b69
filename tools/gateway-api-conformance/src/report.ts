/**
 * Totals per feature (the Go tests' `Features:`), and a report in the shape of the
 * suite's ConformanceReport. As in the suite, a test counts towards the claimed
 * features only when every feature it needs is claimed; a claimed feature passed when
 * every such test naming it passed. Unclaimed features are reported with their own
 * totals (over every test naming them), so what is out of reach stays visible.
 */
import { stringify } from "yaml";
import type { TestResult } from "./run.js";

export interface FeatureTotal {
  feature: string;
  claimed: boolean;
  passed: number;
  failed: number;
  failedTests: string[];
}

export function featureTotals(results: readonly TestResult[], claimed: ReadonlySet<string>): FeatureTotal[] {
  const byFeature = new Map<string, FeatureTotal>();
  for (const r of results) {
    const applicable = r.features.every((f) => claimed.has(f));
    for (const f of r.features) {
      const isClaimed = claimed.has(f);
      // A claimed feature is judged only by tests the suite would run for this claim.
      if (isClaimed && !applicable) continue;
      const t = byFeature.get(f) ?? { feature: f, claimed: isClaimed, passed: 0, failed: 0, failedTests: [] };
      if (r.passed) t.passed += 1;
      else {
        t.failed += 1;
        t.failedTests.push(r.name);
      }
      byFeature.set(f, t);
    }
  }
  return [...byFeature.values()].sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}

export interface ReportInfo {
  channel: string;
  suiteCommit: string;
  date: string;
  claimed: ReadonlySet<string>;
  dataPlaneOnly: readonly string[];
  notApplicable: readonly string[];
}

export function reportYaml(results: readonly TestResult[], info: ReportInfo): string {
  const totals = featureTotals(results, info.claimed);
  const claimed = totals.filter((t) => t.claimed);
  const stats = (ts: readonly FeatureTotal[]) => Object.fromEntries(ts.map((t) => [t.feature, { Passed: t.passed, Failed: t.failed, ...(t.failed > 0 ? { FailedTests: t.failedTests } : {}) }]));
  return stringify(
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "ConformanceReport",
      date: info.date,
      gatewayAPIChannel: info.channel,
      gatewayAPIVersion: info.suiteCommit,
      implementation: { organization: "weft", project: "weft", url: "https://github.com/weft", version: "0.1.0", contact: [] },
      mode: "status-only",
      note: "Status assertions only (translation, no data plane): tests that also send requests were checked for their status assertions; data-plane-only tests were not run.",
      features: {
        passed: claimed.filter((t) => t.failed === 0).map((t) => t.feature),
        failed: claimed.filter((t) => t.failed > 0).map((t) => t.feature),
        notClaimed: totals.filter((t) => !t.claimed).map((t) => t.feature),
      },
      statistics: stats(claimed),
      notClaimedStatistics: stats(totals.filter((t) => !t.claimed)),
      dataPlaneOnlyTests: [...info.dataPlaneOnly],
      notApplicableTests: [...info.notApplicable],
      tests: { passed: results.filter((r) => r.passed).map((r) => r.name), failed: results.filter((r) => !r.passed).map((r) => r.name) },
    },
    { lineWidth: 0 },
  );
}
