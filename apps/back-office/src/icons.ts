import { svg, type SVGTemplateResult } from "lit";

/** Stroke icons (24×24 grid, Lucide-style), sized by the surrounding font size via `.icon`. */
const icon = (body: SVGTemplateResult) =>
  svg`<svg class="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

export const icons = {
  receipt: icon(svg`<path d="M5 3v18l2-1.2L9 21l2-1.2L13 21l2-1.2L17 21l2-1.2V3l-2 1.2L15 3l-2 1.2L11 3 9 4.2 7 3 5 4.2Z"/><path d="M9 8.5h6M9 12h6M9 15.5h4"/>`),
  tablet: icon(svg`<rect x="4" y="2.5" width="16" height="19" rx="2.5"/><path d="M11 18h2"/>`),
  logOut: icon(svg`<path d="M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4"/><path d="m16 17 5-5-5-5"/><path d="M21 12H9"/>`),
  menu: icon(svg`<path d="M4 6h16M4 12h16M4 18h16"/>`),
  x: icon(svg`<path d="M18 6 6 18M6 6l12 12"/>`),
  alert: icon(svg`<circle cx="12" cy="12" r="9.5"/><path d="M12 7.5v5"/><path d="M12 16.2h.01"/>`),
  cloudOff: icon(svg`<path d="m2 2 20 20"/><path d="M5.8 8.1A6 6 0 0 0 6.5 20h11"/><path d="M21.5 16.9A4.5 4.5 0 0 0 17.5 10h-1.3A7 7 0 0 0 9.9 5.3"/>`),
  inbox: icon(svg`<path d="M22 12h-6l-2 3h-4l-2-3H2"/><path d="M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1Z"/>`),
  refresh: icon(svg`<path d="M21 12a9 9 0 1 1-2.6-6.4L21 8"/><path d="M21 3v5h-5"/>`),
  check: icon(svg`<path d="M20 6 9 17l-5-5"/>`),
  checkCircle: icon(svg`<circle cx="12" cy="12" r="9.5"/><path d="m8 12.3 2.7 2.7L16 9.5"/>`),
  clock: icon(svg`<circle cx="12" cy="12" r="9.5"/><path d="M12 7v5l3 2"/>`),
  cash: icon(svg`<rect x="2.5" y="6" width="19" height="12" rx="2"/><circle cx="12" cy="12" r="2.5"/><path d="M6 12h.01M18 12h.01"/>`),
  card: icon(svg`<rect x="2.5" y="5" width="19" height="14" rx="2"/><path d="M2.5 10h19M6.5 15h4"/>`),
  plus: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  link: icon(svg`<path d="M9 17H7A5 5 0 0 1 7 7h2"/><path d="M15 7h2a5 5 0 0 1 0 10h-2"/><path d="M8 12h8"/>`),
  store: icon(svg`<path d="M3 9.5 4.6 4h14.8L21 9.5"/><path d="M3 9.5a3 3 0 0 0 6 0 3 3 0 0 0 6 0 3 3 0 0 0 6 0"/><path d="M5 12v8h14v-8"/><path d="M10 20v-4h4v4"/>`),
  chevronDown: icon(svg`<path d="m6 9 6 6 6-6"/>`),
  chevronRight: icon(svg`<path d="m9 6 6 6-6 6"/>`),
  chart: icon(svg`<path d="M3 3v18h18"/><path d="M7 15l4-4 3 3 5-6"/>`),
  list: icon(svg`<path d="M8 6h13M8 12h13M8 18h13"/><path d="M3 6h.01M3 12h.01M3 18h.01"/>`),
  search: icon(svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>`),
  mail: icon(svg`<rect x="2.5" y="5" width="19" height="14" rx="2"/><path d="m3 6.5 9 6.5 9-6.5"/>`),
  users: icon(svg`<path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2"/><circle cx="9" cy="7" r="4"/><path d="M22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8"/>`),
  tag: icon(svg`<path d="M12.6 2.6A2 2 0 0 0 11.2 2H4a2 2 0 0 0-2 2v7.2a2 2 0 0 0 .6 1.4l8.7 8.7a2.4 2.4 0 0 0 3.4 0l6.6-6.6a2.4 2.4 0 0 0 0-3.4Z"/><circle cx="7.5" cy="7.5" r="1.2"/>`),
  percent: icon(svg`<path d="M19 5 5 19"/><circle cx="6.5" cy="6.5" r="2.5"/><circle cx="17.5" cy="17.5" r="2.5"/>`),
  ticket: icon(svg`<path d="M2 9a3 3 0 0 1 0 6v2a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-2a3 3 0 0 1 0-6V7a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2Z"/><path d="M13 5v2M13 17v2M13 11v2"/>`),
  landmark: icon(svg`<path d="M3 22h18M6 18v-7M10 18v-7M14 18v-7M18 18v-7M12 2l9 5H3Z"/>`),
  chevronUp: icon(svg`<path d="m18 15-6-6-6 6"/>`),
  upload: icon(svg`<path d="M4 14.9A7 7 0 1 1 15.7 8h1.8a4.5 4.5 0 0 1 2.5 8.2"/><path d="M12 12v9"/><path d="m16 16-4-4-4 4"/>`),
};

/** Kasa's mark: a teal tile with a "K". */
export const logoMark = svg`<svg class="logo-mark" viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="8" fill="#0f766e"/><path d="M11 9v14M11 16.5 20 9M13.6 14.3 21 23" stroke="#fff" stroke-width="2.8" stroke-linecap="round" stroke-linejoin="round" fill="none"/></svg>`;
