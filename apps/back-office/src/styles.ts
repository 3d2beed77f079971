import { css } from "lit";

/** Shared look of every element: reset, buttons, pills, cards. Colours are CSS variables from index.html. */
export const base = css`
  :host {
    font-family: var(--bo-font);
    color: var(--bo-text);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  .icon {
    width: 1.15em;
    height: 1.15em;
    flex: none;
    vertical-align: -0.2em;
  }
  .num {
    font-variant-numeric: tabular-nums;
  }
  .mono {
    font-family: var(--bo-mono);
    font-size: 0.92em;
  }
  .muted {
    color: var(--bo-text-3);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    height: 36px;
    padding: 0 14px;
    border-radius: var(--bo-radius);
    border: 1px solid var(--bo-border-strong);
    background: var(--bo-surface);
    color: var(--bo-text);
    font: inherit;
    font-size: 14px;
    font-weight: 500;
    line-height: 1;
    white-space: nowrap;
    cursor: pointer;
    box-shadow: var(--bo-shadow-sm);
    text-decoration: none;
    transition:
      background 0.12s,
      border-color 0.12s,
      box-shadow 0.12s;
  }
  .btn:hover {
    background: var(--bo-subtle);
    border-color: #c4c9d2;
  }
  .btn:focus-visible,
  a:focus-visible,
  input:focus-visible,
  select:focus-visible,
  [tabindex]:focus-visible {
    outline: none;
    box-shadow: var(--bo-focus);
  }
  .btn:disabled {
    opacity: 0.6;
    cursor: default;
  }
  .btn.primary {
    background: var(--bo-primary);
    border-color: var(--bo-primary);
    color: #fff;
  }
  .btn.primary:hover:not(:disabled) {
    background: var(--bo-primary-hover);
    border-color: var(--bo-primary-hover);
  }
  .btn.ghost {
    background: transparent;
    border-color: transparent;
    box-shadow: none;
    color: var(--bo-text-2);
  }
  .btn.ghost:hover {
    background: rgba(17, 24, 39, 0.05);
    color: var(--bo-text);
  }
  .btn.small {
    height: 30px;
    padding: 0 10px;
    font-size: 13px;
  }
  .btn.icon-only {
    width: 36px;
    padding: 0;
  }

  .card {
    background: var(--bo-surface);
    border: 1px solid var(--bo-border);
    border-radius: var(--bo-radius-lg);
    box-shadow: var(--bo-shadow-sm);
  }

  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    height: 24px;
    padding: 0 9px;
    border-radius: 999px;
    font-size: 12.5px;
    font-weight: 500;
    white-space: nowrap;
    background: #f3f4f6;
    color: var(--bo-text-2);
  }
  .pill .dot {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: currentColor;
  }
  .pill.success {
    background: var(--bo-success-soft);
    color: var(--bo-success);
  }
  .pill.warn {
    background: var(--bo-warn-soft);
    color: var(--bo-warn);
  }
  .pill.danger {
    background: var(--bo-danger-soft);
    color: var(--bo-danger);
  }

  .spinner {
    width: 16px;
    height: 16px;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-right-color: transparent;
    animation: spin 0.7s linear infinite;
    flex: none;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }

  .skeleton {
    display: inline-block;
    height: 10px;
    border-radius: 5px;
    background: linear-gradient(90deg, #eef0f3 0%, #f6f7f9 50%, #eef0f3 100%);
    background-size: 200% 100%;
    animation: shimmer 1.3s ease-in-out infinite;
  }
  @keyframes shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton,
    .spinner {
      animation-duration: 3s;
    }
  }
`;

/** Page header used by every page: title, one line of explanation, actions on the right. */
export const pageHeader = css`
  .page-header {
    display: flex;
    align-items: flex-end;
    justify-content: space-between;
    gap: 16px;
    margin-bottom: 20px;
  }
  .page-header h1 {
    margin: 0;
    font-size: 22px;
    font-weight: 650;
    letter-spacing: -0.015em;
  }
  .page-header p {
    margin: 4px 0 0;
    color: var(--bo-text-3);
  }
  .page-header .actions {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  @media (max-width: 700px) {
    .page-header {
      align-items: flex-start;
      margin-bottom: 16px;
    }
    .page-header h1 {
      font-size: 20px;
    }
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 14px;
    margin-bottom: 16px;
    border-radius: var(--bo-radius);
    border: 1px solid #fecaca;
    background: var(--bo-danger-soft);
    color: var(--bo-danger);
  }
  .banner .grow {
    flex: 1;
  }
`;
