/**
 * Whether xDS output can be produced. It needs @weft/xds, which this repository does not
 * have yet; until it lands, asking for `--output xds` says so and fails, rather than
 * printing nothing and looking like success.
 */

/** Why `--output xds` cannot be honoured, or undefined once it can. */
export function xdsUnavailable(): string | undefined {
  return "xDS output is not available yet: it needs @weft/xds, which has not landed in this repository. Use --output istio, status or all.";
}
