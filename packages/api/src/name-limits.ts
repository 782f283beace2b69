/**
 * The size limits Kubernetes puts on names, labels and annotations, as schemas. An API
 * server refuses an object beyond them, so a manifest that exceeds one is wrong before it
 * reaches a cluster; saying so where it is read keeps a 2 MB name from travelling on into
 * every key, message and status built from it. Lengths are checked, not the character
 * sets: the translators treat names as opaque keys and are tested with hostile ones.
 */
import { z } from "zod";
import { stringMap } from "./schema-kit.js";

/** metadata.name: a DNS subdomain (RFC 1123), at most 253 characters. */
export const MAX_NAME_LENGTH = 253;
/** metadata.namespace: a DNS label, at most 63 characters. */
export const MAX_NAMESPACE_LENGTH = 63;
/** The name part of a label key (after any `prefix/`), and a label value: 63 characters. */
export const MAX_LABEL_NAME_LENGTH = 63;
/** The prefix of a label or annotation key: a DNS subdomain, 253 characters. */
export const MAX_KEY_PREFIX_LENGTH = 253;
/** All annotations of an object together, keys and values, in bytes (256 KiB). */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

const tooLong = (what: string, max: number) => (issue: { input?: unknown }) =>
  `${what} must be at most ${max} characters, got ${typeof issue.input === "string" ? issue.input.length : "more"}`;

/** A metadata.name. */
export const objectName = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(MAX_NAME_LENGTH, { error: tooLong("a name", MAX_NAME_LENGTH) });

/** A metadata.namespace. */
export const namespaceName = z.string().max(MAX_NAMESPACE_LENGTH, { error: tooLong("a namespace", MAX_NAMESPACE_LENGTH) });

/** Why a label or annotation key is too long, or undefined. */
function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash < 0 ? "" : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (name === "") return "the name part of a key must not be empty";
  if (name.length > MAX_LABEL_NAME_LENGTH) return `the name part of a key must be at most ${MAX_LABEL_NAME_LENGTH} characters, got ${name.length}`;
  if (prefix.length > MAX_KEY_PREFIX_LENGTH) return `the prefix of a key must be at most ${MAX_KEY_PREFIX_LENGTH} characters, got ${prefix.length}`;
  return undefined;
}

/** metadata.labels: keys as above, values of at most 63 characters. */
export const labelMap = stringMap.superRefine((labels, ctx) => {
  for (const [key, value] of Object.entries(labels)) {
    const problem = keyProblem(key);
    if (problem !== undefined) ctx.addIssue({ code: "custom", path: [key], message: problem });
    if (value.length > MAX_LABEL_NAME_LENGTH) {
      ctx.addIssue({ code: "custom", path: [key], message: `a label value must be at most ${MAX_LABEL_NAME_LENGTH} characters, got ${value.length}` });
    }
  }
});

/** metadata.annotations: keys as labels', and 256 KiB for all of them together. */
export const annotationMap = stringMap.superRefine((annotations, ctx) => {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const problem = keyProblem(key);
    if (problem !== undefined) ctx.addIssue({ code: "custom", path: [key], message: problem });
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) ctx.addIssue({ code: "custom", path: [], message: `annotations must be at most ${MAX_ANNOTATIONS_BYTES} bytes in total, got ${bytes}` });
});
