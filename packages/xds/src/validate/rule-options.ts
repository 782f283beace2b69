/**
 * The protoc-gen-validate annotations of Envoy's protos, read from the generated
 * descriptors: protoc-gen-es embeds each file's descriptor with its options, so the
 * `validate.rules` of a field, `validate.required` of a oneof and `validate.disabled` of
 * a message are there as extensions. Each is read once per descriptor.
 */
import { getOption, hasOption, type DescField, type DescMessage, type DescOneof } from "@bufbuild/protobuf";
import { disabled, required, rules, type FieldRules } from "../gen/validate/validate_pb.js";

const fieldCache = new Map<DescField, FieldRules | undefined>();
const oneofCache = new Map<DescOneof, boolean>();
const messageCache = new Map<DescMessage, boolean>();

/** The rules annotated on a field, or undefined when it has none. */
export function fieldRules(field: DescField): FieldRules | undefined {
  if (fieldCache.has(field)) return fieldCache.get(field);
  const found = hasOption(field, rules) ? getOption(field, rules) : undefined;
  fieldCache.set(field, found);
  return found;
}

/** Whether exactly one field of the oneof must be set. */
export function oneofRequired(oneof: DescOneof): boolean {
  let found = oneofCache.get(oneof);
  if (found === undefined) oneofCache.set(oneof, (found = hasOption(oneof, required) && getOption(oneof, required)));
  return found;
}

/** Whether the message opts out of validation altogether. */
export function validationDisabled(message: DescMessage): boolean {
  let found = messageCache.get(message);
  if (found === undefined) messageCache.set(message, (found = hasOption(message, disabled) && getOption(message, disabled)));
  return found;
}
