/**
 * Rule kinds that none of the resource types Weft builds carry (so no built resource can
 * break them), checked on the rule evaluators directly with rules as PGV writes them.
 */
import { create } from "@bufbuild/protobuf";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DurationRulesSchema, Int64RulesSchema, StringRulesSchema } from "../gen/validate/validate_pb.js";
import { boundsOf, checkBounds } from "./number-rules.js";
import { checkValue } from "./scalar-rules.js";
import { checkString } from "./string-rules.js";

const stringRules = (init: Parameters<typeof create<typeof StringRulesSchema>>[1]) => create(StringRulesSchema, init);

describe("rule kinds on their own", () => {
  test("string max_len counts code points, min_bytes and max_bytes count UTF-8 bytes", () => {
    expect(checkString("ééé", stringRules({ maxLen: 3n }))).toBeUndefined();
    expect(checkString("éééé", stringRules({ maxLen: 3n }))).toBe("must be at most 3 characters long");
    expect(checkString("é", stringRules({ minBytes: 2n }))).toBeUndefined();
    expect(checkString("e", stringRules({ minBytes: 2n }))).toBe("must be at least 2 bytes long");
    expect(checkString("éé", stringRules({ maxBytes: 3n }))).toBe("must be at most 3 bytes long");
  });

  test("string prefix", () => {
    expect(checkString("/a", stringRules({ prefix: "/" }))).toBeUndefined();
    expect(checkString("a", stringRules({ prefix: "/" }))).toBe('must start with "/"');
  });

  test("an unset bound is no bound: a zero rule value still counts when it is set", () => {
    expect(checkString("", stringRules({}))).toBeUndefined();
    expect(checkString("x", stringRules({ maxLen: 0n }))).toBe("must be at most 0 characters long");
  });

  test("int64 gt/lte on bigints, inclusive and exclusive ranges", () => {
    const inside = create(Int64RulesSchema, { gt: 0n, lte: 10n });
    expect(checkValue(10n, { case: "int64", value: inside }, undefined)).toBeUndefined();
    expect(checkValue(0n, { case: "int64", value: inside }, undefined)).toBe("must be > 0 and <= 10");
    // lower above upper: the value must lie outside the range.
    const outside = create(Int64RulesSchema, { gt: 10n, lt: 0n });
    expect(checkValue(5n, { case: "int64", value: outside }, undefined)).toBe("must be < 0 or > 10");
    expect(checkValue(11n, { case: "int64", value: outside }, undefined)).toBeUndefined();
    expect(checkValue(-1n, { case: "int64", value: outside }, undefined)).toBeUndefined();
  });

  test("duration lt and lte", () => {
    const lt = create(DurationRulesSchema, { lt: { seconds: 4294967296n } });
    expect(checkValue({ seconds: 4294967296n, nanos: 0 }, { case: "duration", value: lt }, undefined)).toBe("must be < 4294967296s");
    expect(checkValue({ seconds: 1n, nanos: 0 }, { case: "duration", value: lt }, undefined)).toBeUndefined();
    const lte = create(DurationRulesSchema, { lte: { seconds: 1n } });
    expect(checkValue({ seconds: 1n, nanos: 0 }, { case: "duration", value: lte }, undefined)).toBeUndefined();
    expect(checkValue({ seconds: 1n, nanos: 1 }, { case: "duration", value: lte }, undefined)).toBe("must be <= 1s");
  });

  test("a value inside [gte, lte] passes and one outside fails, for any bounds", () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt(), fc.bigInt(), (a, b, v) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const problem = checkBounds(v, boundsOf(Int64RulesSchema, create(Int64RulesSchema, { gte: lo, lte: hi }), (x) => x as bigint));
        expect(problem === undefined).toBe(v >= lo && v <= hi);
      }),
    );
  });
});
