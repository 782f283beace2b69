/**
 * Istio header operations (set, add, remove on requests and responses) as Envoy header
 * mutations. `set` overwrites, `add` appends; pseudo-headers and `host` cannot be
 * mutated this way (a `:authority`/`host` value becomes a host rewrite instead).
 */
import { compareStrings } from "@weft/api";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { HeaderValueOption_HeaderAppendAction, type HeaderValueOptionSchema } from "../gen/envoy/config/core/v3/base_pb.js";
import type { HeadersInput } from "../model.js";

type HeaderValueOptionInit = MessageInitShape<typeof HeaderValueOptionSchema>;

export interface HeaderMutations {
  requestHeadersToAdd: HeaderValueOptionInit[];
  requestHeadersToRemove: string[];
  responseHeadersToAdd: HeaderValueOptionInit[];
  responseHeadersToRemove: string[];
  /** The authority a `:authority` or `host` header operation asks for ("" for none). */
  authority: string;
}

const isAuthority = (key: string): boolean => key.toLowerCase() === ":authority" || key.toLowerCase() === "host";
const isInternal = (key: string): boolean => key.startsWith(":") || key.toLowerCase() === "host";

/** Header options of one operation, sorted by key so the output does not depend on map order. */
function options(headers: Record<string, string> | undefined, append: boolean): { add: HeaderValueOptionInit[]; authority: string } {
  let authority = "";
  const add: HeaderValueOptionInit[] = [];
  // Own entries only, sorted by key: a header named `__proto__` or `constructor` is a header like any other.
  for (const [key, value] of Object.entries(headers ?? {}).sort(([a], [b]) => compareStrings(a, b))) {
    if (isAuthority(key)) authority = value;
    if (isInternal(key)) continue;
    add.push({
      header: { key, value },
      appendAction: append ? HeaderValueOption_HeaderAppendAction.APPEND_IF_EXISTS_OR_ADD : HeaderValueOption_HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD,
    });
  }
  return { add, authority };
}

export function headerMutations(headers: HeadersInput | undefined): HeaderMutations {
  const requestSet = options(headers?.request?.set, false);
  const requestAdd = options(headers?.request?.add, true);
  const responseSet = options(headers?.response?.set, false);
  const responseAdd = options(headers?.response?.add, true);
  return {
    requestHeadersToAdd: [...requestSet.add, ...requestAdd.add],
    requestHeadersToRemove: (headers?.request?.remove ?? []).filter((k) => !isInternal(k)),
    responseHeadersToAdd: [...responseSet.add, ...responseAdd.add],
    responseHeadersToRemove: (headers?.response?.remove ?? []).filter((k) => !isInternal(k)),
    // A set authority wins over an added one.
    authority: requestSet.authority !== "" ? requestSet.authority : requestAdd.authority,
  };
}
