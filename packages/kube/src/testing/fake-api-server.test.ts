import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clientNodeApi } from "../client-node-api.js";
import type { KubeApi } from "../api.js";
import { resourceOf } from "../resources.js";
import { service } from "../test-support.js";
import { FakeApiServer } from "./fake-api-server.js";

const SERVICES = resourceOf("Service");
let server: FakeApiServer;
let api: KubeApi;

beforeEach(async () => {
  server = await FakeApiServer.start();
  api = clientNodeApi(server.kubeConfig());
});
afterEach(async () => {
  await server.close();
});

const namesOf = (items: unknown[]) => items.map((o) => (o as { metadata: { name: string } }).metadata.name);

describe("the fake API server's paginated lists", () => {
  it.each([
    ["a deletion", () => server.remove(service("ns", "a"))],
    ["an addition", () => server.apply(service("ns", "ab"))],
  ])("a paginated list is one snapshot at its first page's version: %s between pages neither hides nor adds objects", async (_what, change) => {
    for (const name of ["a", "b", "c", "d", "e"]) server.apply(service("ns", name));
    const first = await api.list(SERVICES, "v1", { limit: 2 });
    expect(namesOf(first.items)).toEqual(["a", "b"]);
    change(); // would shift the later pages by one if they were cut from the current state
    const rest: unknown[] = [];
    for (let token = first.continueToken; token !== undefined; ) {
      const page = await api.list(SERVICES, "v1", { limit: 2, continueToken: token });
      expect(page.resourceVersion).toBe(first.resourceVersion);
      rest.push(...page.items);
      token = page.continueToken;
    }
    expect([...namesOf(first.items), ...namesOf(rest)]).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("property: whatever changes between pages, the pages of a list add up to the objects at its version", async () => {
    const names = fc.uniqueArray(fc.constantFrom(..."abcdefghij"), { minLength: 0, maxLength: 10 });
    const change = fc.record({ remove: fc.boolean(), name: fc.constantFrom(..."abcdefghijk") });
    await fc.assert(
      fc.asyncProperty(names, fc.integer({ min: 1, max: 4 }), fc.array(fc.array(change, { maxLength: 3 }), { maxLength: 6 }), async (initial, limit, between) => {
        for (const name of "abcdefghijk") server.remove(service("prop", name));
        for (const name of initial) server.apply(service("prop", name));
        const expected = [...initial].sort();
        const seen: unknown[] = [];
        let page = await api.list(SERVICES, "v1", { namespace: "prop", limit });
        const version = page.resourceVersion;
        seen.push(...page.items);
        for (let i = 0; page.continueToken !== undefined; i++) {
          for (const c of between[i] ?? []) {
            if (c.remove) server.remove(service("prop", c.name));
            else server.apply(service("prop", c.name));
          }
          page = await api.list(SERVICES, "v1", { namespace: "prop", limit, continueToken: page.continueToken });
          expect(page.resourceVersion).toBe(version);
          seen.push(...page.items);
        }
        expect(namesOf(seen)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it("answers a continue token whose snapshot was compacted with 410 Expired, and a forged one with 400", async () => {
    for (const name of ["a", "b", "c"]) server.apply(service("ns", name));
    const first = await api.list(SERVICES, "v1", { limit: 2 });
    server.compact();
    await expect(api.list(SERVICES, "v1", { limit: 2, continueToken: first.continueToken })).rejects.toMatchObject({ code: 410, reason: "Expired" });
    await expect(api.list(SERVICES, "v1", { limit: 2, continueToken: "not-a-token" })).rejects.toMatchObject({ code: 400 });
  });
});
