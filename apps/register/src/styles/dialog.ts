import { css } from "lit";

/** The modal dialogs' frame: a <dialog> opened with showModal(), a head, a body, an action row. */
export const dialogStyles = css`
  dialog {
    width: min(var(--dialog-width, 460px), calc(100vw - 24px));
    max-height: calc(100dvh - 24px);
    padding: 0;
    border: 0;
    border-radius: var(--kasa-radius-lg);
    background: var(--kasa-surface);
    color: var(--kasa-text);
    box-shadow: var(--kasa-shadow-lg);
    overflow: hidden;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  dialog::backdrop {
    background: rgba(17, 24, 39, 0.45);
  }
  form {
    display: flex;
    flex-direction: column;
    min-height: 0;
    margin: 0;
  }
  .head {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 12px;
    padding: 20px 20px 12px 24px;
  }
  .head h2 {
    margin: 0;
    font-size: 20px;
    line-height: 1.25;
  }
  .head p {
    margin: 4px 0 0;
    font-size: 14px;
    color: var(--kasa-text-muted);
  }
  .body {
    display: grid;
    gap: 16px;
    min-height: 0;
    overflow-y: auto;
    padding: 4px 24px 16px;
  }
  .actions {
    display: grid;
    grid-template-columns: 1fr 1.4fr;
    gap: 10px;
    padding: 14px 24px 20px;
    border-top: 1px solid var(--kasa-border);
    background: var(--kasa-surface-muted);
  }
  .section-title {
    margin: 0 0 8px;
    font-size: 12px;
    font-weight: 700;
    letter-spacing: 0.08em;
    text-transform: uppercase;
    color: var(--kasa-text-subtle);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .chip {
    display: inline-flex;
    flex-direction: column;
    align-items: flex-start;
    justify-content: center;
    gap: 2px;
    min-height: 52px;
    min-width: 96px;
    padding: 6px 14px;
    border: 1px solid var(--kasa-border-strong);
    border-radius: var(--kasa-radius-sm);
    background: var(--kasa-surface);
    color: var(--kasa-text);
    font: inherit;
    font-size: 15px;
    font-weight: 650;
    text-align: left;
    cursor: pointer;
  }
  .chip small {
    font-size: 12px;
    font-weight: 500;
    color: var(--kasa-text-muted);
    font-variant-numeric: tabular-nums;
  }
  .chip[aria-pressed="true"],
  .chip[aria-checked="true"] {
    border-color: var(--kasa-primary);
    background: var(--kasa-primary-soft);
    color: var(--kasa-primary-strong);
    box-shadow: inset 0 0 0 1px var(--kasa-primary);
  }
  .chip:disabled {
    opacity: 0.4;
    cursor: not-allowed;
  }
  .chip:focus-visible {
    outline: 3px solid var(--kasa-primary-ring);
    outline-offset: 1px;
  }
  .keypad {
    display: grid;
    grid-template-columns: repeat(3, 1fr);
    gap: 8px;
  }
  .keypad .btn {
    min-height: 52px;
    font-size: 20px;
    font-variant-numeric: tabular-nums;
  }
  textarea:focus {
    outline: 3px solid var(--kasa-primary-ring);
    outline-offset: 1px;
    border-color: var(--kasa-primary);
  }
  .big-input {
    min-height: 60px;
    font-size: 26px;
    font-weight: 650;
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  @media (max-height: 640px) {
    .keypad {
      display: none;
    }
  }
`;
