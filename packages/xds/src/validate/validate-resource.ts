/**
 * The validation of one built resource, memoised per resource object: the gate and the
 * problems collection both ask, and a resource is immutable once built.
 */
import type { Message } from "@bufbuild/protobuf";
import { xdsRegistry } from "../json.js";
import type { XdsResource } from "../resource.js";
import { SCHEMA_OF } from "../resource-types.js";
import { validateMessage, type Violation } from "./validate-message.js";

const memo = new WeakMap<XdsResource, readonly Violation[]>();

/** Every protoc-gen-validate rule the resource's message breaks (empty: Envoy would accept it). */
export function resourceViolations(resource: XdsResource): readonly Violation[] {
  let found = memo.get(resource);
  if (found === undefined) memo.set(resource, (found = validateMessage(SCHEMA_OF[resource.typeUrl], resource.message as Message, xdsRegistry())));
  return found;
}
