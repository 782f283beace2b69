/**
 * @weft/kube/testing: a loopback API server for testing controllers built on @weft/kube
 * with the real client library (see fake-api-server.ts).
 */
export { FakeApiServer, type Fault, type FakeApiServerOptions, type Malformation, type RequestRecord } from "./fake-api-server.js";
export { type Change, type ObjectRef, type StoredObject } from "./object-store.js";
export { parseLabelSelector } from "./label-selector.js";
