/**
 * Errors the engine raises for programming mistakes, and the error policy of every
 * Weft package: a user callback that throws is reported to the nearest `onError`
 * (or the sink), never swallowed, and never reaches the engine's or a server's caller.
 */

/** A misuse of the engine, always naming the collection involved. */
export class KrtError extends Error {
  constructor(
    readonly collection: string,
    message: string,
  ) {
    super(`krt: collection "${collection}": ${message}`);
    this.name = "KrtError";
  }
}

/**
 * A propagation cut short because handlers kept writing into collections that then
 * changed again (a feedback loop through handlers). `collections` names every
 * collection that took part in the last round before the cut.
 */
export class FeedbackLoopError extends Error {
  constructor(
    readonly collections: readonly string[],
    readonly rounds: number,
  ) {
    super(
      `krt: propagation cut after ${rounds} rounds: handlers keep writing in a feedback loop through ${collections.map((c) => `"${c}"`).join(", ")}; ` +
        "derived collections are up to date with their inputs, and the changes not yet delivered to handlers are delivered by the next write",
    );
    this.name = "FeedbackLoopError";
  }
}

/**
 * What a caught error is about. Every Weft package reports to the same sink, so
 * `source` names the collection (krt) or the component (`informer Pod`,
 * `leader-election weft/lock`, `ads-server`...) that caught it.
 */
export interface ErrorContext {
  source: string;
  /** The input key, object, stream or cluster the error concerns, when there is one. */
  key?: string;
  /**
   * What failed: `transform` (a transform, merge, extractor or `equals`), `handler` (a
   * user callback: an event handler, listener or `onError` itself), `propagation` (a
   * feedback loop cut), `request` (an API request, being retried), `input` (data
   * rejected as invalid).
   */
  phase: "transform" | "handler" | "propagation" | "request" | "input";
}

/** Receives the errors no nearer `onError` took. */
export type ErrorSink = (error: unknown, context: ErrorContext) => void;

/** The default sink: one `console.error` line per error, naming where it came from. */
const consoleSink: ErrorSink = (error, context) => {
  const where = context.key === undefined ? context.source : `${context.source} [${context.key}]`;
  console.error(`weft: ${context.phase} error in ${where}:`, error);
};

let sink: ErrorSink = consoleSink;

/**
 * Replaces the sink that gets every error no `onError` option took, in every Weft
 * package; returns the previous sink so tests can restore it. Pass nothing to restore
 * console logging.
 */
export function setErrorSink(next?: ErrorSink): ErrorSink {
  const previous = sink;
  sink = next ?? consoleSink;
  return previous;
}

/** Reports a caught error to the current sink; a throwing sink is ignored on purpose. */
export function reportError(error: unknown, context: ErrorContext): void {
  try {
    sink(error, context);
  } catch {
    // The sink is the last resort: if it fails there is nowhere left to report to.
  }
}

/**
 * The error policy of every Weft package, in one place: `error` goes to the nearest
 * `onError` (with `detail`, what that callback is told); without one, to the sink
 * (with `context`). An `onError` that throws is itself reported to the sink, as a
 * `handler` error, so neither error is lost and the caller carries on.
 */
export function reportTo<E, D>(onError: ((error: E, detail: D) => void) | undefined, error: E, detail: D, context: ErrorContext): void {
  if (onError === undefined) return reportError(error, context);
  try {
    onError(error, detail);
  } catch (nested) {
    reportError(nested, { ...context, phase: "handler" });
  }
}
