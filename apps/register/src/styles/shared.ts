import { css } from "lit";

/** Buttons, inputs and small type helpers every element shares. */
export const shared = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    color: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: var(--kasa-touch);
    padding: 0 18px;
    border-radius: var(--kasa-radius-sm);
    border: 1px solid var(--kasa-border-strong);
    background: var(--kasa-surface);
    color: var(--kasa-text);
    font-size: 15px;
    font-weight: 600;
    line-height: 1.2;
    cursor: pointer;
    user-select: none;
    transition: background-color 120ms ease, border-color 120ms ease, box-shadow 120ms ease, transform 60ms ease;
  }
  .btn:hover:not(:disabled) {
    border-color: var(--kasa-primary);
  }
  .btn:active:not(:disabled) {
    transform: translateY(1px);
  }
  .btn:focus-visible,
  .icon-btn:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--kasa-primary-ring);
    outline-offset: 1px;
  }
  .btn:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  .btn.primary {
    background: var(--kasa-primary);
    border-color: var(--kasa-primary);
    color: var(--kasa-on-primary);
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--kasa-primary-strong);
    border-color: var(--kasa-primary-strong);
  }
  .btn.quiet {
    background: transparent;
    border-color: transparent;
    color: var(--kasa-text-muted);
  }
  .btn.quiet:hover:not(:disabled) {
    background: var(--kasa-neutral-soft);
    border-color: transparent;
    color: var(--kasa-text);
  }
  .btn.large {
    min-height: 60px;
    font-size: 18px;
    border-radius: var(--kasa-radius);
  }
  .btn.block {
    width: 100%;
  }
  .icon-btn {
    display: inline-grid;
    place-items: center;
    width: var(--kasa-touch);
    height: var(--kasa-touch);
    padding: 0;
    border: 1px solid transparent;
    border-radius: var(--kasa-radius-sm);
    background: transparent;
    color: var(--kasa-text-muted);
    cursor: pointer;
  }
  .icon-btn:hover:not(:disabled) {
    background: var(--kasa-neutral-soft);
    color: var(--kasa-text);
  }
  .icon-btn:disabled {
    opacity: 0.35;
    cursor: not-allowed;
  }
  .icon-btn.outlined {
    border-color: var(--kasa-border-strong);
    background: var(--kasa-surface);
  }
  svg.icon {
    width: 20px;
    height: 20px;
    flex: none;
  }
  .field {
    display: grid;
    gap: 6px;
  }
  .field label {
    font-size: 13px;
    font-weight: 600;
    color: var(--kasa-text-muted);
  }
  .input {
    width: 100%;
    min-height: 52px;
    padding: 0 14px;
    border: 1px solid var(--kasa-border-strong);
    border-radius: var(--kasa-radius-sm);
    background: var(--kasa-surface);
    color: var(--kasa-text);
    font: inherit;
    font-size: 20px;
  }
  .input:focus {
    border-color: var(--kasa-primary);
  }
  .input[aria-invalid="true"] {
    border-color: var(--kasa-danger);
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  .muted {
    color: var(--kasa-text-muted);
  }
  .error-text {
    color: var(--kasa-danger);
    font-size: 14px;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 24px;
    padding: 0 10px;
    border-radius: 999px;
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.01em;
    white-space: nowrap;
  }
  .badge.ok {
    background: var(--kasa-ok-soft);
    color: var(--kasa-ok);
  }
  .badge.warn {
    background: var(--kasa-warn-soft);
    color: var(--kasa-warn);
  }
  .badge.danger {
    background: var(--kasa-danger-soft);
    color: var(--kasa-danger);
  }
  .badge.neutral {
    background: var(--kasa-neutral-soft);
    color: var(--kasa-neutral);
  }
  .alert {
    display: flex;
    gap: 10px;
    align-items: flex-start;
    padding: 12px 14px;
    border-radius: var(--kasa-radius-sm);
    background: var(--kasa-danger-soft);
    color: var(--kasa-danger);
    font-size: 14px;
    line-height: 1.4;
  }
  .alert code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 12px;
    font-weight: 700;
    padding: 1px 6px;
    border-radius: 4px;
    background: rgba(185, 28, 28, 0.1);
  }
  @keyframes kasa-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .spinner {
    width: 20px;
    height: 20px;
    border-radius: 50%;
    border: 2.5px solid currentColor;
    border-right-color: transparent;
    animation: kasa-spin 0.8s linear infinite;
    flex: none;
  }
`;
