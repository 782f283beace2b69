import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DependentBucket, type BucketRecord } from "./dependent-bucket.js";
import { filter, type FilterImpl } from "./filter.js";

type Labels = Record<string, string>;
interface Rec extends BucketRecord {
  id: number;
}

const filtersFor = (labels: Labels | undefined): FilterImpl[] => (labels === undefined ? [] : [filter.selects(labels) as unknown as FilterImpl]);

function record(id: number, labels: Labels | undefined): Rec {
  return { id, filters: filtersFor(labels), filedLabels: undefined };
}

/** What DependentsIndex.refilter does for a record filed in `buckets`. */
function refileIn(buckets: DependentBucket<Rec>[], rec: Rec, to: Labels | undefined): void {
  rec.filters = filtersFor(to);
  for (const b of buckets) b.refile(rec, rec.filedLabels, to);
  rec.filedLabels = to;
}

/** The ids a one-pair selector's candidates visit, sorted. */
function candidateIds(bucket: DependentBucket<Rec>, selector: Labels): number[] {
  const ids: number[] = [];
  bucket.candidates([selector, undefined], (r) => ids.push(r.id));
  return ids.sort((a, b) => a - b);
}

describe("dependent bucket", () => {
  it("refiling moves a record to its new pairs, and from plain to selecting and back", () => {
    const b = new DependentBucket<Rec>();
    const r = record(1, { app: "a", tier: "t" });
    b.add(r);
    refileIn([b], r, { app: "b", tier: "t" });
    expect(candidateIds(b, { app: "a" })).toEqual([]);
    expect(candidateIds(b, { app: "b" })).toEqual([1]);
    expect(candidateIds(b, { tier: "t" })).toEqual([1]);
    refileIn([b], r, undefined);
    // A plain record is a candidate of every change.
    expect(candidateIds(b, { app: "zzz" })).toEqual([1]);
    refileIn([b], r, { tier: "u" });
    expect(candidateIds(b, { app: "zzz" })).toEqual([]);
    expect(candidateIds(b, { tier: "u" })).toEqual([1]);
    b.remove(r);
    expect(b.size).toBe(0);
    expect(candidateIds(b, { tier: "u" })).toEqual([]);
  });

  it("a record filed in two buckets is refiled in both", () => {
    const b1 = new DependentBucket<Rec>();
    const b2 = new DependentBucket<Rec>();
    const r = record(7, { app: "a" });
    b1.add(r);
    b2.add(r);
    refileIn([b1, b2], r, { app: "b" });
    for (const b of [b1, b2]) {
      expect(candidateIds(b, { app: "a" })).toEqual([]);
      expect(candidateIds(b, { app: "b" })).toEqual([7]);
    }
  });

  it("candidates of a one-pair selector are exactly the plain records and those with the pair, after any adds, refiles and removes (property)", () => {
    const labelMap = fc.option(fc.dictionary(fc.constantFrom("app", "tier", "__proto__", "constructor"), fc.constantFrom("a", "b", ""), { maxKeys: 3 }), { nil: undefined });
    const op = fc.oneof(
      fc.record({ kind: fc.constant("add" as const), id: fc.nat(7), labels: labelMap }),
      fc.record({ kind: fc.constant("refile" as const), id: fc.nat(7), labels: labelMap }),
      fc.record({ kind: fc.constant("remove" as const), id: fc.nat(7) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const bucket = new DependentBucket<Rec>();
        const filed = new Map<number, Rec>();
        for (const o of ops) {
          const rec = filed.get(o.id);
          if (o.kind === "add" && rec === undefined) {
            const r = record(o.id, o.labels);
            bucket.add(r);
            filed.set(o.id, r);
          } else if (o.kind === "refile" && rec !== undefined) refileIn([bucket], rec, o.labels);
          else if (o.kind === "remove" && rec !== undefined) {
            bucket.remove(rec);
            filed.delete(o.id);
          }
        }
        expect(bucket.size).toBe(filed.size);
        for (const k of ["app", "tier", "__proto__", "constructor"]) {
          for (const v of ["a", "b", ""]) {
            const selector = Object.fromEntries([[k, v]]) as Labels;
            const expected = [...filed.values()]
              .filter((r) => r.filedLabels === undefined || (Object.hasOwn(r.filedLabels, k) && r.filedLabels[k] === v))
              .map((r) => r.id)
              .sort((a, b) => a - b);
            expect(candidateIds(bucket, selector)).toEqual(expected);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
