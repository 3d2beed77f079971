import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What the gauges read when Prometheus scrapes; cheap reads only (counts held in memory or one COUNT query). */
export interface MetricSources {
  connections(): number;
  stores(): number;
  documentsLoaded(): number;
  storageBytes(): Record<"documents" | "relay" | "read_model" | "online", number>;
  quarantinedEvents(): number;
}

/**
 * The relay's Prometheus series, on a registry of its own so that several relays in one process
 * (tests) never share counters. Names follow Prometheus conventions: `_total` for counters, base units.
 */
export class RelayMetrics {
  readonly registry = new Registry();
  readonly framesIn: Counter;
  readonly framesOut: Counter;
  readonly rejectedConnections: Counter<"code">;
  readonly refusedDocumentAccess: Counter;
  readonly durableAckSeconds: Histogram;
  readonly documentsUnloaded: Counter;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.framesIn = new Counter({ name: "kasa_frames_in_total", help: "WebSocket frames received from devices", registers });
    this.framesOut = new Counter({ name: "kasa_frames_out_total", help: "WebSocket frames sent to devices", registers });
    this.rejectedConnections = new Counter({
      name: "kasa_rejected_connections_total",
      help: "Sync connections refused at the upgrade or closed for a broken rule, by code name",
      labelNames: ["code"],
      registers,
    });
    this.refusedDocumentAccess = new Counter({
      name: "kasa_refused_document_reads_total",
      help: "Requests for a document of another store or register, answered 'unavailable'",
      registers,
    });
    this.durableAckSeconds = new Histogram({
      name: "kasa_durable_ack_seconds",
      help: "From an inbound sync to the durable ack covering it (flush to disk included)",
      // A flush is one fsync (~1-10 ms); compactions of big journals take ~0.5 s (research/automerge.md §1.5).
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.documentsUnloaded = new Counter({ name: "kasa_documents_unloaded_total", help: "Idle documents removed from memory", registers });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge("kasa_connections", "Open, authenticated sync connections", sources.connections);
    gauge("kasa_stores", "Stores on this relay", sources.stores);
    gauge("kasa_documents_loaded", "Automerge documents held in memory", sources.documentsLoaded);
    gauge("kasa_quarantined_events", "Journal events held in quarantine (failed validation)", sources.quarantinedEvents);
    new Gauge({
      name: "kasa_storage_bytes",
      help: "Size on disk of each SQLite file, write-ahead log included",
      labelNames: ["file"],
      registers,
      collect() {
        for (const [file, bytes] of Object.entries(sources.storageBytes())) this.set({ file }, bytes);
      },
    });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
