/**
 * @weft/krt: a synchronous, glitch-free reactive collection engine. See
 * docs/krt.md for the concepts and the rules a transform must obey.
 */
export type {
  Collection,
  Event,
  Filter,
  FilterKind,
  HandlerContext,
  Index,
  Options,
  Registration,
  RegisterBatchOptions,
  Singleton,
  StaticCollection,
  StaticOptions,
} from "./types.js";
export { staticCollection } from "./static.js";
export { collection, manyCollection } from "./collection.js";
export { singleton, SINGLETON_KEY } from "./singleton.js";
export { join, mergeJoin, type MergeJoinOptions } from "./join.js";
export { nestedJoin } from "./nested-join.js";
export { index } from "./key-index.js";
export { filter } from "./filter.js";
export { batch } from "./scheduler.js";
export { statusCollection, type StatusCollections, type StatusItem, type StatusOptions, type StatusResult } from "./status.js";
export { recomputeTrigger, type RecomputeTrigger } from "./trigger.js";
export { graph, type GraphOptions } from "./graph.js";
export { dispose, inspect, type CollectionStats } from "./inspect.js";
export { FeedbackLoopError, KrtError, reportError, reportTo, setErrorSink, type ErrorContext, type ErrorSink } from "./errors.js";
