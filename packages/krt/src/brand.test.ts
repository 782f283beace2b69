import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { COLLECTION_BRAND } from "./brand.js";
import { collection, join, staticCollection } from "./index.js";
import { KRT_VERSION } from "./version.js";

type Item = { metadata: { name: string } };

/** A second, independent copy of the engine, as a package manager installs beside the first. */
async function secondCopy(): Promise<typeof import("./index.js")> {
  vi.resetModules();
  return import("./index.js");
}

describe("collections from another copy of @weft/krt", () => {
  it("a collection made by another copy is recognised by its brand and refused with both versions and how to dedupe", async () => {
    const other = await secondCopy();
    const theirs = other.staticCollection<Item>([{ metadata: { name: "a" } }], { name: "VirtualServices" });
    expect(theirs instanceof Object && (theirs as unknown as Record<symbol, unknown>)[Symbol.for("@weft/krt.collection")]).toBe(KRT_VERSION);
    expect(() => collection(theirs, (_ctx, item) => item)).toThrow(/"VirtualServices" was created by another copy of @weft\/krt \(0\.1\.0\) than the one it was given to \(0\.1\.0\)/);
    expect(() => join([theirs])).toThrow(/npm ls @weft\/krt.*npm dedupe/);
    // Within one copy nothing changes.
    const mine = staticCollection<Item>([{ metadata: { name: "b" } }]);
    expect(collection(mine, (_ctx, item) => item).list()).toEqual([{ metadata: { name: "b" } }]);
  });

  it("a branded collection names the version of the copy that made it", () => {
    const foreign = { name: "Gateways", [COLLECTION_BRAND]: "0.2.0" };
    expect(() => collection(foreign as never, (_ctx, item) => item)).toThrow(/another copy of @weft\/krt \(0\.2\.0\) than the one it was given to \(0\.1\.0\)/);
  });

  it("a value that is no collection of any copy is still called that", () => {
    expect(() => collection({ name: "Pods" } as never, (_ctx, item) => item)).toThrow(/"Pods" is not a collection created by @weft\/krt/);
  });

  it("the brand's version is package.json's", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(KRT_VERSION).toBe(pkg.version);
  });
});
