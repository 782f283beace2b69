/**
 * One xDS resource as the builders produce it and the ADS server serves it: the
 * message, its wire bytes and a content version, computed once when the resource is
 * built, so the server never serialises and equality is a version compare.
 */
import { toBinary, type DescMessage, type MessageShape } from "@bufbuild/protobuf";
import { createHash } from "node:crypto";
import type { XdsTypeUrl } from "./resource-types.js";
import type { BrandedKey } from "@weft/api";

/**
 * Who a resource is for. Clusters and endpoints are shared by every client; listeners
 * and routes differ between gateway proxies (each has its own `0.0.0.0_80`) and
 * proxyless gRPC clients.
 */
export const SHARED_SCOPE = "";
/** Resources for proxyless gRPC clients (api_listeners and their routes). */
export const GRPC_SCOPE = "grpc";
/** Resources of one gateway proxy, named by {@link XdsOptions.proxyOf}. */
export const gatewayScope = (proxy: string): string => `gateway:${proxy}`;

export interface XdsResource<M = unknown> {
  /** `<scope>|<type url>|<name>`: unique among all resources. */
  key: ResourceKey;
  typeUrl: XdsTypeUrl;
  scope: string;
  name: string;
  message: M;
  /** The serialised message (what an Any carries). */
  bytes: Uint8Array;
  /** A digest of `bytes`: equal content, equal version, across restarts too. */
  version: string;
  /** What the builder could not honour in its inputs (the resource is still usable). */
  problems?: string[];
}

/** A resource's identity, `scope|typeUrl|name`, built only by {@link resourceKey}. */
export type ResourceKey = BrandedKey<"ResourceKey">;

export const resourceKey = (scope: string, typeUrl: string, name: string): ResourceKey => `${scope}|${typeUrl}|${name}` as ResourceKey;

export function contentVersion(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64url").slice(0, 16);
}

/** Which resource a message is: its type, the proxies it is for, its name. */
export interface ResourceAddress {
  typeUrl: XdsTypeUrl;
  scope: string;
  name: string;
}

/** Serialises `message` and wraps it as the resource at `address`. */
export function xdsResource<Desc extends DescMessage>(schema: Desc, { typeUrl, scope, name }: ResourceAddress, message: MessageShape<Desc>, problems: string[] = []): XdsResource<MessageShape<Desc>> {
  const bytes = toBinary(schema, message);
  const resource: XdsResource<MessageShape<Desc>> = { key: resourceKey(scope, typeUrl, name), typeUrl, scope, name, message, bytes, version: contentVersion(bytes) };
  if (problems.length > 0) resource.problems = problems;
  return resource;
}

/** Resource equality for krt: same identity and same content. Deep-comparing messages would cost more than the digest did. */
export function sameResource(a: XdsResource, b: XdsResource): boolean {
  return a.key === b.key && a.version === b.version && (a.problems ?? []).join("\n") === (b.problems ?? []).join("\n");
}
