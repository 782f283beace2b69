/**
 * Errors the engine raises for programming mistakes, and the sink for errors it
 * catches (transforms and handlers that throw) so they never reach the caller.
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

/** Receives errors the engine caught and could not hand to an `onError` option. */
export type ErrorSink = (error: unknown, context: { collection: string; key?: string; phase: "transform" | "handler" | "propagation" }) => void;

const consoleSink: ErrorSink = (error, context) => {
  const where = context.key === undefined ? context.collection : `${context.collection} [${context.key}]`;
  console.error(`krt: ${context.phase} error in ${where}:`, error);
};

let sink: ErrorSink = consoleSink;

/**
 * Replaces where caught errors go when a collection has no `onError`; returns the
 * previous sink so tests can restore it. Pass nothing to restore console logging.
 */
export function setErrorSink(next?: ErrorSink): ErrorSink {
  const previous = sink;
  sink = next ?? consoleSink;
  return previous;
}

/** Reports a caught error to the current sink; a throwing sink is ignored on purpose. */
export function reportError(error: unknown, context: Parameters<ErrorSink>[1]): void {
  try {
    sink(error, context);
  } catch {
    // The sink is the last resort: if it fails there is nowhere left to report to.
  }
}
