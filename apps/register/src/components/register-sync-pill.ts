import { LitElement, css, html, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { localized, msg } from "@lit/localize";
import type { RelayConnectionState } from "@kasa/sync";
import { connectionLabel, connectionTone, unsyncedLabel } from "../lib/sync-status.js";

/**
 * The always-visible sync state: what the relay connection says (never navigator.onLine), and how
 * many events the relay does not yet hold on its disk.
 */
@localized()
@customElement("register-sync-pill")
export class RegisterSyncPill extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    .pill {
      display: inline-flex;
      align-items: center;
      height: 36px;
      border-radius: 999px;
      border: 1px solid var(--kasa-border);
      background: var(--kasa-surface);
      font-size: 13px;
      font-weight: 650;
      white-space: nowrap;
      overflow: hidden;
    }
    .state {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      padding: 0 14px 0 12px;
      min-width: 96px;
      height: 100%;
    }
    .dot {
      width: 9px;
      height: 9px;
      border-radius: 50%;
      background: currentColor;
      flex: none;
    }
    .ok {
      color: var(--kasa-ok);
    }
    .ok .dot {
      box-shadow: 0 0 0 3px var(--kasa-ok-soft);
    }
    .neutral {
      color: var(--kasa-neutral);
    }
    .neutral .dot {
      animation: pulse 1.2s ease-in-out infinite;
    }
    .warn {
      color: var(--kasa-warn);
    }
    .danger {
      color: var(--kasa-danger);
      background: var(--kasa-danger-soft);
    }
    .unsynced {
      display: inline-flex;
      align-items: center;
      height: 100%;
      padding: 0 14px;
      background: var(--kasa-warn-soft);
      color: var(--kasa-warn);
      border-left: 1px solid rgba(180, 83, 9, 0.18);
      font-variant-numeric: tabular-nums;
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
  `;

  @property() state: RelayConnectionState = "connecting";
  @property({ type: Number }) unsynced = 0;

  protected override render() {
    const tone = connectionTone(this.state);
    return html`<span
      class="pill"
      data-testid="sync-state"
      data-state=${this.state}
      data-unsynced=${String(this.unsynced)}
      role="status"
      aria-live="polite"
      title=${msg("Connection to the relay")}
    >
      <span class="state ${tone}"><span class="dot" aria-hidden="true"></span>${connectionLabel(this.state)}</span>
      ${this.unsynced > 0 ? html`<span class="unsynced">${unsyncedLabel(this.unsynced)}</span>` : nothing}
    </span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "register-sync-pill": RegisterSyncPill;
  }
}
