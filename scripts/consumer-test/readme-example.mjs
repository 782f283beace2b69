/**
 * The README's example, as the consumer test runs it: the first ```js block of the
 * "A short example" section, and the ```text block after it that shows what it prints.
 */
import { readFileSync } from "node:fs";

export function readmeExample(readmePath) {
  const text = readFileSync(readmePath, "utf8");
  const start = text.indexOf("\n## A short example");
  if (start < 0) throw new Error("README.md has no \"## A short example\" section");
  const end = text.indexOf("\n## ", start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const output = /```text\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined || output === undefined) throw new Error("the README's example needs a ```js block and a ```text block showing its output");
  return { code, output };
}
