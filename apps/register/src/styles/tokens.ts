import { css } from "lit";

/**
 * The register's palette and metrics as CSS custom properties. Set on the root element; custom
 * properties inherit through every shadow root below it.
 */
export const tokens = css`
  :host {
    --kasa-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    --kasa-primary: #0f766e;
    --kasa-primary-strong: #115e59;
    --kasa-primary-soft: #e6f3f1;
    --kasa-primary-ring: rgba(15, 118, 110, 0.32);
    --kasa-on-primary: #ffffff;
    --kasa-bg: #f3f4f6;
    --kasa-surface: #ffffff;
    --kasa-surface-muted: #f8f9fb;
    --kasa-border: #e4e7ec;
    --kasa-border-strong: #cfd5dd;
    --kasa-text: #1d2430;
    --kasa-text-muted: #5b6472;
    --kasa-text-subtle: #8a93a1;
    --kasa-ok: #15803d;
    --kasa-ok-soft: #dcfce7;
    --kasa-warn: #b45309;
    --kasa-warn-soft: #fef3c7;
    --kasa-danger: #b91c1c;
    --kasa-danger-soft: #fee2e2;
    --kasa-neutral: #475569;
    --kasa-neutral-soft: #eef1f5;
    --kasa-radius-sm: 8px;
    --kasa-radius: 12px;
    --kasa-radius-lg: 16px;
    --kasa-shadow: 0 1px 2px rgba(16, 24, 40, 0.05), 0 1px 3px rgba(16, 24, 40, 0.07);
    --kasa-shadow-lg: 0 16px 40px rgba(16, 24, 40, 0.14), 0 2px 6px rgba(16, 24, 40, 0.06);
    --kasa-touch: 44px;
    --kasa-topbar-height: 64px;
    color: var(--kasa-text);
    font-family: var(--kasa-font);
    -webkit-font-smoothing: antialiased;
  }
`;
