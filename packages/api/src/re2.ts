/**
 * Regular expressions as Envoy and gRPC read them: RE2 syntax (no lookaround, no
 * backreferences, bounded repeats). A pattern RE2 rejects makes a client NACK the whole
 * resource that carries it, so translators check each one here first. The engine is
 * re2js, a port of RE2 in plain JavaScript: the same grammar, no native build.
 */
import { RE2JS } from "re2js";

/**
 * Verdicts of {@link re2Problem} by pattern. Compiling costs 10-20 µs, and a translation
 * checks the same few patterns once per rule that carries them (thousands of routes share
 * a header regex). Bounded: cleared when full, and patterns longer than a header value
 * (4 KiB) are not kept, so hostile input cannot grow it.
 */
const verdicts = new Map<string, string | undefined>();
const VERDICT_LIMIT = 4096;
const CACHED_PATTERN_LENGTH = 4096;

/** Why RE2 rejects `pattern`, or undefined when it compiles. */
export function re2Problem(pattern: string): string | undefined {
  if (verdicts.has(pattern)) return verdicts.get(pattern);
  const verdict = compileProblem(pattern);
  if (pattern.length <= CACHED_PATTERN_LENGTH) {
    if (verdicts.size >= VERDICT_LIMIT) verdicts.clear();
    verdicts.set(pattern, verdict);
  }
  return verdict;
}

function compileProblem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A full-match test for `pattern` (undefined when it does not compile), the way RE2's
 * FullMatch and Envoy's safe_regex match: the whole input, not a substring.
 */
export function re2FullMatcher(pattern: string): ((input: string) => boolean) | undefined {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch {
    return undefined;
  }
  return (input) => compiled.matches(input);
}

/**
 * A search test for `pattern`, true when it matches anywhere in the input (as
 * protoc-gen-validate's `pattern` rule uses it); undefined when it does not compile.
 */
export function re2Searcher(pattern: string): ((input: string) => boolean) | undefined {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch {
    return undefined;
  }
  return (input) => compiled.matcher(input).find();
}
