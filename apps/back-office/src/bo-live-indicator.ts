import { LitElement, css, html, type TemplateResult } from "lit";
import { customElement, property } from "lit/decorators.js";
import { base } from "./styles.js";
import type { LiveState } from "./live-stream.js";
import { t } from "./strings.js";

/**
 * Whether the store's live stream is connected. The `live-indicator` test id is present only
 * while it is, so "visible" means new receipts will arrive without a reload.
 */
@customElement("bo-live-indicator")
export class BoLiveIndicator extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-flex;
      }
      .pill {
        height: 26px;
        gap: 7px;
        border: 1px solid transparent;
      }
      .pill.success {
        border-color: #c6f0dc;
      }
      .pill.warn {
        border-color: #fde7b0;
      }
      .dot {
        position: relative;
      }
      .open .dot::after {
        content: "";
        position: absolute;
        inset: -3px;
        border-radius: 50%;
        border: 2px solid currentColor;
        opacity: 0;
        animation: pulse 2.4s ease-out infinite;
      }
      @keyframes pulse {
        0% {
          transform: scale(0.6);
          opacity: 0.55;
        }
        70%,
        100% {
          transform: scale(1.6);
          opacity: 0;
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .open .dot::after {
          animation: none;
        }
      }
    `,
  ];

  @property() state: LiveState = "connecting";

  override render(): TemplateResult {
    switch (this.state) {
      case "open":
        return html`<span class="pill success open" data-testid="live-indicator" data-state="connected" title=${t.live.connectedTitle}
          ><span class="dot"></span>${t.live.connected}</span
        >`;
      case "reconnecting":
        return html`<span class="pill warn" data-state="reconnecting" title=${t.live.reconnectingTitle}
          ><span class="spinner" style="width:11px;height:11px;border-width:1.5px"></span>${t.live.reconnecting}</span
        >`;
      default:
        return html`<span class="pill" data-state="connecting"><span class="spinner" style="width:11px;height:11px;border-width:1.5px"></span>${t.live.connecting}</span>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bo-live-indicator": BoLiveIndicator;
  }
}
