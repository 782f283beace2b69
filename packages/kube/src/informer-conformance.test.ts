/**
 * @weft/krt's conformance suite, run on an informer: its collection must behave as any
 * krt collection does (ordered list, get/keyOf, replay and events that add up to the
 * content, unregister, sync), here fed by list and watch from the fake API server. Each
 * subject watches a namespace of its own, so the runs of one test do not see each other.
 */
import { collectionConformance, type ConformanceSubject, type ConformanceWrite } from "@weft/krt/conformance";
import { describe, expect, it } from "vitest";
import { clientNodeApi } from "./client-node-api.js";
import { informer } from "./informer.js";
import type { RawObject } from "./reflector.js";
import { resourceOf } from "./resources.js";
import { FAST, serviceInformerHarness } from "./test-support.js";

const harness = serviceInformerHarness();
let namespaces = 0;

type ConfigMap = RawObject & { data?: { n?: string } };

function informerSubject(synced: boolean): ConformanceSubject<ConfigMap> {
  const namespace = `conformance-${++namespaces}`;
  const server = harness.server;
  const written = new Map<string, number>();
  const inf = harness.track(informer<ConfigMap>(clientNodeApi(server.kubeConfig()), resourceOf("ConfigMap"), { ...FAST, namespaces: [namespace] }));
  const apply = (w: ConformanceWrite): void => {
    if ("set" in w) {
      server.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: w.set.id, namespace }, data: { n: String(w.set.n) } });
      written.set(w.set.id, w.set.n);
    } else if ("delete" in w) {
      server.remove({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: w.delete, namespace } });
      written.delete(w.delete);
    } else w.batch.forEach(apply);
  };
  const subject: ConformanceSubject<ConfigMap> = {
    collection: inf.collection,
    write: apply,
    expected: () => [...written].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => ({ key: `${namespace}/${id}`, n })),
    view: (item) => ({ key: `${item.metadata.namespace}/${item.metadata.name}`, n: Number(item.data?.n) }),
    markSynced: async () => {
      inf.start();
      await inf.waitUntilSynced();
    },
    dispose: () => inf.stop(),
  };
  if (synced) inf.start();
  return subject;
}

collectionConformance(
  "informer",
  async ({ synced }) => {
    const subject = informerSubject(synced);
    if (synced) await subject.collection.waitUntilSynced();
    return subject;
  },
  { describe, it, expect },
  { asynchronous: true, runs: 10, writes: 15 },
);
