/**
 * Bad input is data: keys taken from input (port names, protocol versions, labels, header
 * names, annotations) are looked up in Maps or as own properties only, so `__proto__`,
 * `constructor` and `prototype` are ordinary keys and never reach Object.prototype.
 */
import { anyUnpack, type Any } from "@bufbuild/protobuf/wkt";
import fc from "fast-check";
import { afterEach, describe, expect, test } from "vitest";
import { appProtocol } from "./clusters/cluster-plans.js";
import { TlsParameters_TlsProtocol } from "./gen/envoy/extensions/transport_sockets/tls/v3/common_pb.js";
import { DownstreamTlsContextSchema, type DownstreamTlsContext } from "./gen/envoy/extensions/transport_sockets/tls/v3/tls_pb.js";
import { inSubset } from "./endpoints/load-assignment.js";
import { downstreamTls } from "./listeners/downstream-tls.js";
import { DANGEROUS_KEYS, watchObjectPrototype } from "./prototype-keys.js";
import { nullProtoRecord, ownValue } from "./records.js";
import { headerMutations } from "./routes/headers.js";
import { parseDuration } from "./duration.js";
import { countResponse, emptyStats } from "./server/push-stats.js";

let watch = watchObjectPrototype();
afterEach(() => {
  expect(watch.changes()).toEqual([]);
  watch = watchObjectPrototype();
});

/** An object with an own `__proto__` key, as JSON.parse (and YAML loaders) make them. */
const own = (json: string): Record<string, string> => JSON.parse(json) as Record<string, string>;
const key = fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 12 }));

describe("input keys in the xDS builders", () => {
  test("a port named after an Object.prototype property is no application protocol", () => {
    for (const name of ["constructor", "__proto__", "prototype", "tostring", "hasownproperty"]) expect(appProtocol({ name, protocol: "TCP" })).toBe("TCP");
    expect(appProtocol({ name: "constructor-x" })).toBe("");
  });

  test("a TLS protocol version named after an Object.prototype property sets no TLS parameters", () => {
    const tlsParams = (version: string) => {
      const socket = downstreamTls({ mode: "SIMPLE", credentialName: "c", minProtocolVersion: version }, true).socket;
      const any = socket.configType?.case === "typedConfig" ? socket.configType.value : undefined;
      return any === undefined ? undefined : (anyUnpack(any as Any, DownstreamTlsContextSchema) as DownstreamTlsContext | undefined)?.commonTlsContext?.tlsParams;
    };
    expect(tlsParams("TLSV1_2")?.tlsMinimumProtocolVersion).toBe(TlsParameters_TlsProtocol.TLSv1_2);
    for (const v of ["constructor", "__proto__", "prototype", "CONSTRUCTOR"]) expect(tlsParams(v)).toBeUndefined();
  });

  test("subset labels match an endpoint's own labels only, whatever their keys", () => {
    expect(inSubset({ address: "10.0.0.1", port: 80, labels: {} }, { constructor: "x" })).toBe(false);
    expect(inSubset({ address: "10.0.0.1", port: 80, labels: own('{"__proto__":"x"}') }, own('{"__proto__":"x"}'))).toBe(true);
    expect(inSubset({ address: "10.0.0.1", port: 80, labels: own('{"__proto__":"y"}') }, own('{"__proto__":"x"}'))).toBe(false);
    expect(inSubset({ address: "10.0.0.1", port: 80 }, own('{"toString":"x"}'))).toBe(false);
  });

  test("headers named __proto__ or constructor are set like any other header", () => {
    const m = headerMutations({ request: { set: own('{"__proto__":"a","constructor":"b"}') } });
    expect(m.requestHeadersToAdd.map((h) => [h.header?.key, h.header?.value])).toEqual([
      ["__proto__", "a"],
      ["constructor", "b"],
    ]);
  });

  test("a duration unit named after an Object.prototype property does not parse", () => {
    expect(parseDuration("1constructor")).toBeUndefined();
    expect(parseDuration("1__proto__")).toBeUndefined();
  });
});

describe("records keyed by input", () => {
  test("push statistics keyed by __proto__, constructor or prototype stay own entries and leave Object.prototype clean", () => {
    const stats = emptyStats();
    for (const k of ["__proto__", "constructor", "prototype"]) countResponse(stats, k, 2, 10);
    expect(Object.keys(stats.byType).sort()).toEqual(["__proto__", "constructor", "prototype"]);
    expect(ownValue(stats.byType, "__proto__")).toEqual({ responses: 1, resources: 2, bytes: 10 });
    expect(({} as Record<string, unknown>).responses).toBeUndefined();
  });

  test("property: a record holds exactly the keys it was given, and Object.prototype never changes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.string()), { maxLength: 20 }), (entries) => {
        const record = nullProtoRecord(entries);
        const expected = new Map(entries);
        expect(Object.keys(record).sort()).toEqual([...expected.keys()].sort());
        for (const [k, v] of expected) expect(ownValue(record, k)).toBe(v);
        const stats = emptyStats();
        for (const [k] of entries) countResponse(stats, k, 1, 1);
        expect(Object.keys(stats.byType).sort()).toEqual([...expected.keys()].sort());
        expect(watch.changes()).toEqual([]);
      }),
    );
  });
});
