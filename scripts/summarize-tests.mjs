// Prints vitest's JSON results as the plain closing line CI reads:
// "N passed, M failed" (", K skipped" when there are any). Failed tests are listed just
// above that line, with file and the first line of the message, because CI keeps only
// the tail of a long log and a failure scrolled away in vitest's own report is lost.
import { readFileSync } from "node:fs";
import { relative } from "node:path";

const file = process.argv[2];
let results;
try {
  results = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  console.error(`no test results at ${file}: ${error.message}`);
  process.exit(1);
}
const failures = [];
for (const suite of results.testResults ?? []) {
  const where = relative(process.cwd(), suite.name ?? "");
  const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === "failed");
  for (const test of failedTests) {
    const firstLine = String(test.failureMessages?.[0] ?? "").split("\n")[0].slice(0, 300);
    failures.push(`FAILED ${where} > ${test.fullName ?? test.title}: ${firstLine}`);
  }
  // A file that failed to load has no test results of its own, only a message.
  if (failedTests.length === 0 && suite.status === "failed") {
    failures.push(`FAILED ${where}: ${String(suite.message ?? "").split("\n")[0].slice(0, 300)}`);
  }
}
for (const line of failures) console.log(line);
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
