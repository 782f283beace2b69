/**
 * Multicluster readiness (Istio 1.28.3). Remote clusters come from Secrets, each
 * holding one kubeconfig per cluster ID. The store keeps three promises:
 *
 * - a cluster is registered the moment its secret is seen, before it runs and even
 *   when its config is malformed, so a later update of that secret finds it and
 *   restarts it (stop the old runtime, start the new) instead of being ignored;
 * - starting, syncing or failing is per cluster: one slow or broken cluster never
 *   holds up another, and a stopped runtime's late reports are ignored;
 * - `allReady()` and the `ready` collection hold only clusters whose informers have
 *   synced and not since failed, so a computation over clusters never reads a
 *   half-filled cache. A failing informer that recovers rejoins on its own.
 */
import { reportTo, staticCollection, type Collection, type StaticCollection } from "@weft/krt";

export type ClusterHealth = "syncing" | "synced" | "failed";

/** A running connection to one remote cluster (its informers). */
export interface ClusterRuntime {
  /** Stops the informers; reports after this are ignored. */
  stop(): void;
}

/**
 * Starts a cluster's informers from its parsed config. Reports health through
 * `report` whenever it changes; may report from any later tick, or never.
 */
export type StartCluster<Config> = (clusterId: string, config: Config, report: (health: ClusterHealth, error?: unknown) => void) => ClusterRuntime;

export interface ClusterStatus {
  clusterId: string;
  /** The secret (`namespace/name`) the cluster came from. */
  secret: string;
  state: "invalid" | ClusterHealth;
  error?: string;
  /** Times this cluster's runtime was (re)started. */
  starts: number;
}

/** A cluster that is synced; what `ready` holds. */
export interface ReadyCluster {
  clusterId: string;
  metadata: { name: string };
}

interface Entry<Config> {
  status: ClusterStatus;
  raw: string;
  runtime?: ClusterRuntime;
  /** Bumped on every restart, so a stopped runtime's reports are recognisably stale. */
  generation: number;
  config?: Config;
}

export class ClusterStore<Config> {
  private readonly entries = new Map<string, Entry<Config>>();
  private readonly readyClusters: StaticCollection<ReadyCluster> = staticCollection<ReadyCluster>([], { name: "ReadyClusters" });

  constructor(
    /** Parses one kubeconfig; throws on a malformed one. */
    private readonly parse: (raw: string) => Config,
    private readonly start: StartCluster<Config>,
    /**
     * Told of every cluster that fails (a malformed config, a runtime that failed or
     * threw, a cluster ID claimed twice), with its ID. Without it the error goes to the
     * shared error sink (`setErrorSink` of @weft/krt); one that throws is reported
     * there too, and the store carries on.
     */
    private readonly onError?: (error: unknown, clusterId: string) => void,
  ) {}

  /** The synced clusters, as a krt collection for computations over clusters. */
  get ready(): Collection<ReadyCluster> {
    return this.readyClusters;
  }

  /** Adds or updates a secret's clusters; clusters it no longer lists are stopped. */
  upsertSecret(secret: string, kubeconfigs: Readonly<Record<string, string>>): void {
    const listed = new Set<string>();
    for (const [clusterId, raw] of Object.entries(kubeconfigs)) {
      listed.add(clusterId);
      const existing = this.entries.get(clusterId);
      if (existing !== undefined && existing.status.secret !== secret) {
        this.fail(clusterId, new Error(`cluster ${clusterId} is already registered by secret ${existing.status.secret}; ignored in ${secret}`), "input");
        continue;
      }
      // An unchanged config of a healthy or starting cluster needs no restart.
      if (existing !== undefined && existing.raw === raw && existing.status.state !== "invalid") continue;
      this.replace(clusterId, secret, raw, existing);
    }
    for (const [clusterId, entry] of [...this.entries]) {
      if (entry.status.secret === secret && !listed.has(clusterId)) this.remove(clusterId);
    }
  }

  deleteSecret(secret: string): void {
    for (const [clusterId, entry] of [...this.entries]) if (entry.status.secret === secret) this.remove(clusterId);
  }

  /** Every registered cluster, ready or not, sorted by ID. */
  clusters(): ClusterStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.status })).sort((a, b) => (a.clusterId < b.clusterId ? -1 : 1));
  }

  /** The IDs of the clusters whose informers have synced and not failed since, sorted. */
  allReady(): string[] {
    return this.clusters()
      .filter((c) => c.state === "synced")
      .map((c) => c.clusterId);
  }

  private replace(clusterId: string, secret: string, raw: string, previous: Entry<Config> | undefined): void {
    previous?.runtime?.stop();
    const generation = (previous?.generation ?? 0) + 1;
    const entry: Entry<Config> = { raw, generation, status: { clusterId, secret, state: "syncing", starts: previous?.status.starts ?? 0 } };
    this.entries.set(clusterId, entry);
    this.setReady(clusterId, false);
    try {
      entry.config = this.parse(raw);
    } catch (error) {
      // Registered anyway: the next update of this secret must find and restart it.
      entry.status = { ...entry.status, state: "invalid", error: messageOf(error) };
      this.fail(clusterId, error, "input");
      return;
    }
    const report = (health: ClusterHealth, error?: unknown) => this.report(clusterId, generation, health, error);
    entry.status.starts++;
    try {
      entry.runtime = this.start(clusterId, entry.config, report);
    } catch (error) {
      report("failed", error);
    }
  }

  private report(clusterId: string, generation: number, health: ClusterHealth, error?: unknown): void {
    const entry = this.entries.get(clusterId);
    if (entry === undefined || entry.generation !== generation) return; // a stopped runtime
    entry.status = { ...entry.status, state: health, ...(health === "failed" ? { error: messageOf(error) } : { error: undefined }) };
    if (health === "failed") this.fail(clusterId, error, "request");
    this.setReady(clusterId, health === "synced");
  }

  private fail(clusterId: string, error: unknown, phase: "input" | "request"): void {
    reportTo(this.onError, error, clusterId, { source: "cluster-store", key: clusterId, phase });
  }

  private remove(clusterId: string): void {
    const entry = this.entries.get(clusterId);
    if (entry === undefined) return;
    entry.runtime?.stop();
    this.entries.delete(clusterId);
    this.setReady(clusterId, false);
  }

  private setReady(clusterId: string, ready: boolean): void {
    if (ready) this.readyClusters.set({ clusterId, metadata: { name: clusterId } });
    else this.readyClusters.delete(clusterId);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
