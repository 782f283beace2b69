// Prints vitest's JSON results as the plain closing line CI reads:
// "N passed, M failed" (", K skipped" when there are any).
import { readFileSync } from "node:fs";

const file = process.argv[2];
let results;
try {
  results = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  console.error(`no test results at ${file}: ${error.message}`);
  process.exit(1);
}
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
