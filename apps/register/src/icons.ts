import { svg, type SVGTemplateResult } from "lit";

/** Stroke icons (24×24 grid, 2px strokes) drawn for the register; no icon font, no network. */
const icon = (body: SVGTemplateResult) =>
  svg`<svg class="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

export const icons = {
  more: icon(svg`<circle cx="12" cy="5" r="1.4" fill="currentColor"/><circle cx="12" cy="12" r="1.4" fill="currentColor"/><circle cx="12" cy="19" r="1.4" fill="currentColor"/>`),
  plus: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  minus: icon(svg`<path d="M5 12h14"/>`),
  trash: icon(svg`<path d="M4 7h16M10 11v6M14 11v6M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12M9 7V4h6v3"/>`),
  close: icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`),
  back: icon(svg`<path d="M15 18l-6-6 6-6"/>`),
  user: icon(svg`<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>`),
  undo: icon(svg`<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 0 1 0 12h-3"/>`),
  check: icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5"/>`),
  sync: icon(svg`<path d="M20 11a8 8 0 0 0-14.3-4.9L4 8M4 4v4h4M4 13a8 8 0 0 0 14.3 4.9L20 16M20 20v-4h-4"/>`),
  scale: icon(svg`<path d="M12 3v3M5 8h14M7 8l-3 7a3 3 0 0 0 6 0L7 8zM17 8l-3 7a3 3 0 0 0 6 0l-3-7zM8 21h8M12 6v15"/>`),
  receipt: icon(svg`<path d="M6 3h12v18l-3-2-3 2-3-2-3 2V3z"/><path d="M9 8h6M9 12h6M9 16h3"/>`),
  grid: icon(svg`<rect x="4" y="4" width="7" height="7" rx="1.5"/><rect x="13" y="4" width="7" height="7" rx="1.5"/><rect x="4" y="13" width="7" height="7" rx="1.5"/><rect x="13" y="13" width="7" height="7" rx="1.5"/>`),
  search: icon(svg`<circle cx="11" cy="11" r="6.5"/><path d="M20 20l-4.2-4.2"/>`),
  alert: icon(svg`<path d="M12 4l9 16H3L12 4z"/><path d="M12 10v4M12 17.5v.01"/>`),
  lock: icon(svg`<rect x="5" y="11" width="14" height="9" rx="2"/><path d="M8 11V8a4 4 0 0 1 8 0v3"/>`),
  cash: icon(svg`<rect x="3" y="6" width="18" height="12" rx="2"/><circle cx="12" cy="12" r="2.5"/><path d="M6.5 9.5v.01M17.5 14.5v.01"/>`),
  card: icon(svg`<rect x="3" y="5.5" width="18" height="13" rx="2"/><path d="M3 10h18M7 15h4"/>`),
  cloudOff: icon(svg`<path d="M3 3l18 18M8.5 8.6A5 5 0 0 0 7 18h10M20.7 16.3A4 4 0 0 0 17 10h-.6A6 6 0 0 0 9.8 6.4"/>`),
  database: icon(svg`<ellipse cx="12" cy="6" rx="7" ry="3"/><path d="M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3"/>`),
  layers: icon(svg`<path d="M12 3l9 5-9 5-9-5 9-5z"/><path d="M3 13l9 5 9-5"/>`),
  percent: icon(svg`<path d="M19 5L5 19"/><circle cx="7" cy="7" r="2.5"/><circle cx="17" cy="17" r="2.5"/>`),
  comment: icon(svg`<path d="M4 5h16v11H9l-5 4V5z"/>`),
  print: icon(svg`<path d="M7 9V3h10v6"/><rect x="3" y="9" width="18" height="8" rx="2"/><path d="M7 14h10v7H7z"/>`),
  clock: icon(svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>`),
  drawer: icon(svg`<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M3 12h18M10 16h4"/>`),
  arrowIn: icon(svg`<path d="M12 4v12M7 11l5 5 5-5M5 20h14"/>`),
  arrowOut: icon(svg`<path d="M12 16V4M7 9l5-5 5 5M5 20h14"/>`),
  split: icon(svg`<path d="M4 6h6l4 6-4 6H4M20 6h-4M20 18h-4"/>`),
  language: icon(svg`<circle cx="12" cy="12" r="8.5"/><path d="M3.5 12h17M12 3.5c2.5 2.5 3.5 5.5 3.5 8.5s-1 6-3.5 8.5c-2.5-2.5-3.5-5.5-3.5-8.5s1-6 3.5-8.5z"/>`),
  edit: icon(svg`<path d="M4 20h4L19 9l-4-4L4 16v4z"/><path d="M13 7l4 4"/>`),
  tax: icon(svg`<path d="M6 3h12v18l-3-2-3 2-3-2-3 2V3z"/><path d="M9.5 9.5h.01M14.5 14.5h.01M15 9l-6 6"/>`),
  scan: icon(svg`<path d="M4 8V5h3M17 5h3v3M20 16v3h-3M7 19H4v-3M8 9v6M11 9v6M14 9v6M17 9v6"/>`),
  store: icon(svg`<path d="M4 10v10h16V10M3 10l2-6h14l2 6H3zM9 20v-5h6v5"/>`),
};
