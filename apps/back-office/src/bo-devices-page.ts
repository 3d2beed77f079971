import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { api, asApiError, type ApiError, type DeviceInfo, type PairingCode, type RegisterInfo } from "./api.js";
import { base, pageHeader } from "./styles.js";
import { icons } from "./icons.js";
import { SessionExpiredEvent } from "./app-events.js";
import { activeDeviceIds, registerStatus, type RegisterStatus } from "./register-status.js";
import type { LiveStream } from "./live-stream.js";
import { dateTimeSeconds, registerLabel, relativeTime } from "./store-format.js";
import { clockIsOff, clockSkewText } from "./device-report.js";
import { t } from "./strings.js";
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
        grid-template-columns: minmax(0, 1fr) 220px 200px;
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
      .device .report {
        display: inline-flex;
        gap: 6px;
        align-items: center;
        flex-wrap: wrap;
      }
      .device {
        flex-wrap: wrap;
      }
      .warn-box {
        flex-basis: 100%;
        display: flex;
        align-items: flex-start;
        gap: 10px;
        margin: 0 0 10px;
        padding: 10px 12px;
        border-radius: var(--bo-radius);
        border: 1px solid #fcd34d;
        background: #fffbeb;
        color: #92400e;
        line-height: 1.45;
      }
      .warn-box .grow {
        flex: 1;
      }
      .warn-box .icon {
        font-size: 18px;
        margin-top: 1px;
      }
      .pill.warn {
        background: #fef3c7;
        color: #92400e;
      }
      .pill.ok {
        background: #dcfce7;
        color: #166534;
      }
      .pill.muted {
        background: #f3f4f6;
        color: var(--bo-text-3);
      }
      .rename {
        display: flex;
        gap: 6px;
        align-items: center;
      }
      .rename input {
        height: 32px;
        width: 200px;
        border: 1px solid var(--bo-border-strong);
        border-radius: var(--bo-radius);
        padding: 0 8px;
        font: inherit;
        font-size: 14px;
      }
      .name-line {
        display: flex;
        align-items: center;
        gap: 6px;
        min-width: 0;
      }
      .rename-error {
        color: var(--bo-danger);
        font-size: 12.5px;
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
        grid-template-columns: minmax(0, 1fr) 220px 200px;
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
          <h1>${t.devices.title}</h1>
          <p>${t.devices.lead}</p>
        </div>
      </header>
      ${this.loadState === "error" ? this.renderError() : this.renderList()}
      <div class="help">
        ${icons.upload}
        <span
          ><strong>${t.devices.helpStrong}</strong> ${t.devices.help}</span
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
        heading=${e?.unreachable ? t.devices.unreachableHeading : t.devices.loadFailed}
        text=${e?.unreachable ? t.devices.unreachableText : (e?.message ?? "")}
        code=${e?.code ?? ""}
      >
        <button class="btn primary" @click=${() => this.load(false)}>${icons.refresh}${t.common.retry}</button>
      </bo-state-message>
    </div>`;
  }

  private renderList(): TemplateResult {
    if (this.loadState === "ready" && this.registers.length === 0) {
      return html`<div class="card">
        <bo-state-message icon="tablet" heading=${t.devices.noRegisters} text=${t.devices.noRegistersText}></bo-state-message>
      </div>`;
    }
    return html`<div class="card list" data-testid="devices-list">
      <div class="list-head"><span>${t.devices.register}</span><span>${t.devices.status}</span><span></span></div>
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

  @state() private renaming: { registerId: string; name: string; error: string } | undefined;

  private async rename(): Promise<void> {
    const r = this.renaming;
    if (!r) return;
    if (!r.name.trim()) {
      this.renaming = { ...r, error: t.catalog.nameRequired };
      return;
    }
    try {
      await api.renameRegister(this.storeId, r.registerId, r.name.trim());
      this.renaming = undefined;
      await this.load(true);
    } catch (err) {
      const e = asApiError(err);
      if (e.unauthenticated) this.dispatchEvent(new SessionExpiredEvent());
      else this.renaming = { ...r, error: e.message };
    }
  }

  private async revoke(device: DeviceInfo): Promise<void> {
    const deviceId = device.deviceId;
    this.confirmRevoke = "";
    try {
      // The owner saw the unsynced warning in the confirmation (RL39).
      await api.revokeDevice(this.storeId, deviceId, (device.report?.unsyncedEvents ?? 0) > 0);
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
            ${this.renaming?.registerId === reg.registerId
              ? html`<form class="rename" @submit=${(e: Event) => (e.preventDefault(), void this.rename())}>
                  <input data-testid="rename-input" aria-label=${t.devices.renameLabel} maxlength="60" .value=${this.renaming.name} @input=${(e: Event) => (this.renaming = { ...this.renaming!, name: (e.target as HTMLInputElement).value })} />
                  <button type="submit" class="btn small primary" data-testid="rename-save">${t.devices.save}</button>
                  <button type="button" class="btn small" @click=${() => (this.renaming = undefined)}>${t.devices.cancel}</button>
                </form>
                ${this.renaming.error ? html`<div class="rename-error">${this.renaming.error}</div>` : nothing}`
              : html`<div class="name-line">
                  <span class="name" data-testid="register-name">${reg.name}</span>
                  <button class="btn small ghost" data-testid="rename-register" @click=${() => (this.renaming = { registerId: reg.registerId, name: reg.name, error: "" })}>${t.devices.rename}</button>
                </div>`}
            <div class="sub">${label} · ${devices === 0 ? t.devices.pairedNone : devices === 1 ? t.devices.pairedOne : t.devices.pairedMany.replace("{n}", String(devices))}</div>
          </div>
        </div>
        <div class="status">${this.renderStatus(status)}</div>
        <div class="action">
          <button
            class="btn"
            data-testid="pair-device"
            aria-label=${t.devices.pairTo.replace("{label}", label)}
            aria-expanded=${pairing ? "true" : "false"}
            ?disabled=${pairing !== undefined && pairing.code === undefined && pairing.error === undefined}
            @click=${() => this.pair(reg)}
          >
            ${icons.plus}<span class="label">${t.devices.pair}</span>
          </button>
        </div>
      </div>
      ${reg.devices.length
        ? html`<div class="device-list">
            ${reg.devices.map(
              (d) => html`<div class="device" data-testid="paired-device" data-device-id=${d.deviceId} data-revoked=${d.revoked ? "true" : "false"}>
                <span class="mono">${d.deviceId.slice(0, 12)}…</span>
                <span class="sub"
                  >${d.revoked ? t.devices.revoked : d.online ? t.devices.onlineNow : d.lastSeenAt ? t.devices.lastSeenAt.replace("{time}", dateTimeSeconds(d.lastSeenAt)) : t.devices.notConnected}
                  ${d.revoked ? nothing : this.renderReport(d)}</span
                >
                ${d.revoked
                  ? nothing
                  : this.confirmRevoke === d.deviceId
                    ? (d.report?.unsyncedEvents ?? 0) > 0
                      ? nothing
                      : html`<span class="confirm">${t.devices.revokeConfirm}
                          <button class="btn small danger" data-testid="revoke-confirm" @click=${() => this.revoke(d)}>${t.devices.revokeDo}</button>
                          <button class="btn small" @click=${() => (this.confirmRevoke = "")}>${t.devices.keep}</button></span>`
                    : html`<button class="btn small ghost" data-testid="revoke-device" @click=${() => (this.confirmRevoke = d.deviceId)}>${t.devices.revokeMenu}</button>`}
                ${!d.revoked && this.confirmRevoke === d.deviceId && (d.report?.unsyncedEvents ?? 0) > 0
                  ? html`<div class="warn-box" role="alert" data-testid="revoke-warning">
                      ${icons.alert}<span class="grow">${t.devices.revokeWarning.replace("{n}", String(d.report!.unsyncedEvents))}</span>
                      <button class="btn small danger" data-testid="revoke-confirm" @click=${() => this.revoke(d)}>${t.devices.revokeAnyway}</button>
                      <button class="btn small" @click=${() => (this.confirmRevoke = "")}>${t.devices.keep}</button>
                    </div>`
                  : nothing}
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

  /** Unsynced events and clock skew as the device last reported them (RL38). */
  private renderReport(d: DeviceInfo): TemplateResult {
    const r = d.report;
    if (!r) return html`<span class="pill muted" data-testid="device-report">${t.devices.noReport}</span>`;
    const skew = clockSkewText(r.clockSkewMs);
    return html`<span class="report" data-testid="device-report" data-unsynced=${r.unsyncedEvents} title="${t.devices.reported} ${dateTimeSeconds(r.reportedAt)}">
      ${r.unsyncedEvents > 0
        ? html`<span class="pill warn" data-testid="device-unsynced"><span class="dot"></span>${r.unsyncedEvents} ${t.devices.unsynced}</span>`
        : html`<span class="pill ok"><span class="dot"></span>${t.devices.allSynced}</span>`}
      <span class="pill ${clockIsOff(r) ? "warn" : "muted"}" data-testid="device-clock">${skew}</span>
    </span>`;
  }

  private renderStatus(s: RegisterStatus): TemplateResult {
    switch (s.kind) {
      case "online":
        return html`<span class="pill success" data-testid="device-status"><span class="dot"></span>${t.devices.onlineNow}</span>`;
      case "seen":
        return html`<span class="pill seen" data-testid="device-status" title=${t.devices.lastSeenAt.replace("{time}", dateTimeSeconds(s.lastSeenAt))}
          ><span class="dot"></span>${t.devices.lastSeenAt.replace("{time}", relativeTime(s.lastSeenAt, this.now))}</span
        >`;
      case "paired":
        return html`<span class="pill seen" data-testid="device-status"><span class="dot"></span>${t.devices.pairedNotConnected}</span>`;
      case "never":
        return html`<span class="pill never" data-testid="device-status"><span class="dot"></span>${t.devices.neverPaired}</span>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-devices-page": BoDevicesPage;
  }
}
