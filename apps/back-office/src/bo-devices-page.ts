import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { api, asApiError, type ApiError, type PairingCode, type RegisterInfo } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { icons } from "./icons.js";
import { SessionExpiredEvent } from "./app-events.js";
import { activeDeviceIds, registerStatus, type RegisterStatus } from "./register-status.js";
import type { LiveStream } from "./live-stream.js";
import { dateTimeSeconds, registerLabel, relativeTime } from "./store-format.js";
import "./bo-pairing-panel.js";
import "./bo-state-message.js";

interface Pairing {
  readonly code: PairingCode | undefined;
  readonly error: ApiError | undefined;
  /** Devices the register had when the code was made: a new id means the code was used. */
  readonly before: ReadonlySet<string>;
  readonly paired: boolean;
}

type LoadState = "loading" | "ready" | "error";

/** Registers of the store with their devices' status, and one-time codes to pair new devices. */
@customElement("bo-devices-page")
export class BoDevicesPage extends LitElement {
  static override styles = [
    base,
    pageHeader,
    css`
      :host {
        display: block;
      }
      .list {
        overflow: hidden;
      }
      .list-head {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 220px 170px;
        gap: 16px;
        padding: 10px 20px;
        font-size: 12px;
        font-weight: 600;
        color: var(--bo-text-3);
        background: var(--bo-subtle);
        border-bottom: 1px solid var(--bo-border);
      }
      .device-list {
        padding: 0 20px 12px 68px;
      }
      .device {
        display: flex;
        align-items: center;
        gap: 12px;
        min-height: 36px;
        font-size: 13.5px;
        border-top: 1px dashed var(--bo-border);
      }
      .device .sub {
        color: var(--bo-text-3);
        flex: 1;
      }
      .device .confirm {
        display: flex;
        align-items: center;
        gap: 8px;
        color: var(--bo-danger);
      }
      .btn.danger {
        background: var(--bo-danger);
        border-color: var(--bo-danger);
        color: #fff;
      }
      .register + .register {
        border-top: 1px solid var(--bo-border);
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 220px 170px;
        gap: 16px;
        align-items: center;
        padding: 16px 20px;
      }
      .who {
        display: flex;
        align-items: center;
        gap: 14px;
        min-width: 0;
      }
      .tile {
        display: grid;
        place-items: center;
        width: 40px;
        height: 40px;
        border-radius: 10px;
        background: #f3f4f6;
        color: var(--bo-text-2);
        font-weight: 650;
        font-size: 15px;
        flex: none;
        font-variant-numeric: tabular-nums;
        box-shadow: inset 0 0 0 1px var(--bo-border);
      }
      .tile.online {
        background: var(--bo-primary-soft);
        color: var(--bo-primary);
        box-shadow: inset 0 0 0 1px var(--bo-primary-soft-2);
      }
      .name {
        font-weight: 600;
        font-size: 15px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .sub {
        margin-top: 1px;
        color: var(--bo-text-3);
        font-size: 13px;
      }
      .status .pill.never {
        background: transparent;
        box-shadow: inset 0 0 0 1px var(--bo-border-strong);
        color: var(--bo-text-3);
      }
      .status .pill.never .dot {
        background: transparent;
        box-shadow: inset 0 0 0 1.5px currentColor;
      }
      .status .pill.seen .dot {
        background: var(--bo-text-4);
      }
      .action {
        text-align: right;
      }
      .help {
        display: flex;
        gap: 12px;
        margin-top: 20px;
        padding: 14px 16px;
        border-radius: var(--bo-radius-lg);
        border: 1px solid var(--bo-border);
        background: var(--bo-surface);
        color: var(--bo-text-3);
        font-size: 13px;
        line-height: 1.55;
      }
      .help .icon {
        flex: none;
        font-size: 18px;
        color: var(--bo-primary);
        margin-top: 1px;
      }
      .help strong {
        color: var(--bo-text-2);
        font-weight: 600;
      }
      .skeleton-row .skeleton {
        height: 12px;
      }
      @media (max-width: 700px) {
        .list-head {
          display: none;
        }
        .row {
          grid-template-columns: minmax(0, 1fr) auto;
          grid-template-areas:
            "who action"
            "status status";
          gap: 10px 12px;
          padding: 14px 16px;
        }
        .who {
          grid-area: who;
        }
        .status {
          grid-area: status;
          padding-left: 54px;
        }
        .action {
          grid-area: action;
        }
        .action .label {
          display: none;
        }
        .action .btn {
          width: 36px;
          padding: 0;
        }
      }
    `,
  ];

  @property() storeId = "";
  @property({ attribute: false }) live: LiveStream | undefined;

  @state() private registers: RegisterInfo[] = [];
  @state() private loadState: LoadState = "loading";
  @state() private error: ApiError | undefined;
  @state() private pairings = new Map<string, Pairing>();
  @state() private now = Date.now();

  private unsubscribe: (() => void)[] = [];
  private clock: ReturnType<typeof setInterval> | undefined;
  private generation = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // "Last seen 3 min ago" ages; the online/offline switch itself comes from the live stream.
    this.clock = setInterval(() => (this.now = Date.now()), 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clock);
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("storeId") && this.storeId) {
      this.pairings = new Map();
      void this.load(false);
    }
    if (changed.has("live")) {
      for (const off of this.unsubscribe) off();
      this.unsubscribe = this.live
        ? [this.live.on("devices", () => void this.load(true)), this.live.on("open", () => void this.load(true))]
        : [];
    }
  }

  /** quiet: keep showing the current list while refreshing (live updates). */
  private async load(quiet: boolean): Promise<void> {
    const generation = ++this.generation;
    if (!quiet || this.loadState !== "ready") {
      this.loadState = "loading";
      this.error = undefined;
    }
    try {
      const { registers } = await api.registers(this.storeId);
      if (generation !== this.generation) return;
      this.registers = [...registers].sort((a, b) => a.number - b.number);
      this.now = Date.now();
      this.loadState = "ready";
      this.notePairedDevices();
    } catch (err) {
      if (generation !== this.generation) return;
      const e = asApiError(err);
      if (e.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
      else if (!quiet || this.loadState !== "ready") {
        this.error = e;
        this.loadState = "error";
      }
    }
  }

  private notePairedDevices(): void {
    let changed = false;
    const next = new Map(this.pairings);
    for (const [registerId, p] of this.pairings) {
      const reg = this.registers.find((r) => r.registerId === registerId);
      if (!reg || p.paired || !p.code) continue;
      if ([...activeDeviceIds(reg)].some((id) => !p.before.has(id))) {
        next.set(registerId, { ...p, paired: true });
        changed = true;
      }
    }
    if (changed) this.pairings = next;
  }

  private async pair(reg: RegisterInfo): Promise<void> {
    const before = activeDeviceIds(reg);
    this.setPairing(reg.registerId, { code: undefined, error: undefined, before, paired: false });
    try {
      const code = await api.pairingCode(this.storeId, reg.registerId);
      this.setPairing(reg.registerId, { code, error: undefined, before, paired: false });
    } catch (err) {
      const e = asApiError(err);
      if (e.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
      else this.setPairing(reg.registerId, { code: undefined, error: e, before, paired: false });
    }
  }

  private setPairing(registerId: string, p: Pairing | undefined): void {
    const next = new Map(this.pairings);
    if (p) next.set(registerId, p);
    else next.delete(registerId);
    this.pairings = next;
  }

  override render(): TemplateResult {
    return html`
      <header class="page-header">
        <div>
          <h1>POS devices</h1>
          <p>Each register of the store and the devices paired to it. Pair a tablet or phone with a one-time code.</p>
        </div>
      </header>
      ${this.loadState === "error" ? this.renderError() : this.renderList()}
      <div class="help">
        ${icons.upload}
        <span
          ><strong>Offline is normal.</strong> A register keeps selling without a connection and syncs its receipts when it is back online;
          until then its sales don't show here. "Last seen" is the last time it was in contact with the relay.</span
        >
      </div>
    `;
  }

  private renderError(): TemplateResult {
    const e = this.error;
    return html`<div class="card">
      <bo-state-message
        tone="error"
        icon=${e?.unreachable ? "cloudOff" : "alert"}
        heading=${e?.unreachable ? "Can't reach the relay" : "Devices could not be loaded"}
        text=${e?.unreachable ? "The back office can't connect to the Kasa relay right now. Registers keep selling offline meanwhile." : (e?.message ?? "")}
        code=${e?.code ?? ""}
      >
        <button class="btn primary" @click=${() => this.load(false)}>${icons.refresh}Try again</button>
      </bo-state-message>
    </div>`;
  }

  private renderList(): TemplateResult {
    if (this.loadState === "ready" && this.registers.length === 0) {
      return html`<div class="card">
        <bo-state-message icon="tablet" heading="No registers yet" text="This store has no registers. Registers are set up with the store; once one exists, pair a device to it here."></bo-state-message>
      </div>`;
    }
    return html`<div class="card list" data-testid="devices-list">
      <div class="list-head"><span>Register</span><span>Status</span><span></span></div>
      ${this.loadState === "loading"
        ? [0, 1].map(
            () => html`<div class="register skeleton-row">
              <div class="row">
                <div class="who"><span class="tile"></span><span class="skeleton" style="width:140px"></span></div>
                <span class="skeleton" style="width:110px"></span><span></span>
              </div>
            </div>`,
          )
        : repeat(
            this.registers,
            (r) => r.registerId,
            (r) => this.renderRegister(r),
          )}
    </div>`;
  }

  @state() private confirmRevoke = "";

  private async revoke(deviceId: string): Promise<void> {
    this.confirmRevoke = "";
    try {
      await api.revokeDevice(this.storeId, deviceId);
    } catch {
      // The list reloads below either way and shows the device's real state.
    }
    await this.load(true);
  }

  private renderRegister(reg: RegisterInfo): TemplateResult {
    const status = registerStatus(reg);
    const pairing = this.pairings.get(reg.registerId);
    const label = registerLabel(reg.number);
    const devices = status.kind === "never" ? 0 : status.devices;
    return html`<div class="register" data-testid="device-row" data-register-number=${reg.number} data-status=${status.kind}>
      <div class="row">
        <div class="who">
          <span class="tile ${status.kind === "online" ? "online" : ""}">${reg.number}</span>
          <div style="min-width:0">
            <div class="name">${reg.name}</div>
            <div class="sub">${label} · ${devices === 0 ? "no device paired" : devices === 1 ? "1 paired device" : `${devices} paired devices`}</div>
          </div>
        </div>
        <div class="status">${this.renderStatus(status)}</div>
        <div class="action">
          <button
            class="btn"
            data-testid="pair-device"
            aria-label="Pair a device to ${label}"
            aria-expanded=${pairing ? "true" : "false"}
            ?disabled=${pairing !== undefined && pairing.code === undefined && pairing.error === undefined}
            @click=${() => this.pair(reg)}
          >
            ${icons.plus}<span class="label">Pair a device</span>
          </button>
        </div>
      </div>
      ${reg.devices.length
        ? html`<div class="device-list">
            ${reg.devices.map(
              (d) => html`<div class="device" data-testid="paired-device" data-device-id=${d.deviceId} data-revoked=${d.revoked ? "true" : "false"}>
                <span class="mono">${d.deviceId.slice(0, 12)}…</span>
                <span class="sub">${d.revoked ? "Revoked" : d.online ? "Online now" : d.lastSeenAt ? `Last seen ${dateTimeSeconds(d.lastSeenAt)}` : "Not connected yet"}</span>
                ${d.revoked
                  ? nothing
                  : this.confirmRevoke === d.deviceId
                    ? html`<span class="confirm">Revoke this device? It is disconnected at once and must be paired again.
                        <button class="btn small danger" data-testid="revoke-confirm" @click=${() => this.revoke(d.deviceId)}>Revoke</button>
                        <button class="btn small" @click=${() => (this.confirmRevoke = "")}>Keep</button></span>`
                    : html`<button class="btn small ghost" data-testid="revoke-device" @click=${() => (this.confirmRevoke = d.deviceId)}>Revoke…</button>`}
              </div>`,
            )}
          </div>`
        : nothing}
      ${pairing
        ? html`<bo-pairing-panel
            .registerName=${label}
            .pairing=${pairing.code}
            .error=${pairing.error}
            ?paired=${pairing.paired}
            @bo-close=${() => this.setPairing(reg.registerId, undefined)}
            @bo-new-code=${() => this.pair(reg)}
          ></bo-pairing-panel>`
        : nothing}
    </div>`;
  }

  private renderStatus(s: RegisterStatus): TemplateResult {
    switch (s.kind) {
      case "online":
        return html`<span class="pill success" data-testid="device-status"><span class="dot"></span>Online now</span>`;
      case "seen":
        return html`<span class="pill seen" data-testid="device-status" title="Last contact ${dateTimeSeconds(s.lastSeenAt)}"
          ><span class="dot"></span>Last seen ${relativeTime(s.lastSeenAt, this.now)}</span
        >`;
      case "paired":
        return html`<span class="pill seen" data-testid="device-status"><span class="dot"></span>Paired, not connected yet</span>`;
      case "never":
        return html`<span class="pill never" data-testid="device-status"><span class="dot"></span>Never paired</span>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-devices-page": BoDevicesPage;
  }
}
