import type { PaperWidth } from "../state/preferences.js";

/** Printable width of each roll, in mm: the print head is narrower than the paper. */
export const PRINTABLE_MM: Readonly<Record<PaperWidth, number>> = { "58": 48, "80": 72 };

/** CSS px per mm (CSS fixes 96 px per inch). */
const PX_PER_MM = 96 / 25.4;

/** Id of the document-level style holding the @page rule (an @page inside a shadow root is ignored). */
const PAGE_STYLE_ID = "kasa-print-page";

/**
 * The @page rule for a receipt roll: exactly as wide as the paper and as long as the receipt, so a
 * roll printer cuts right after it and a PDF preview shows one strip instead of A4 pages.
 */
export function pageRule(paper: PaperWidth, contentHeightPx: number): string {
  const margin = (Number(paper) - PRINTABLE_MM[paper]) / 2;
  const heightMm = Math.ceil(contentHeightPx / PX_PER_MM + 2 * margin);
  return `@page { size: ${paper}mm ${heightMm}mm; margin: ${margin}mm; }`;
}

export function setPageRule(rule: string, doc: Document = document): void {
  let style = doc.getElementById(PAGE_STYLE_ID);
  if (!style) {
    style = doc.createElement("style");
    style.id = PAGE_STYLE_ID;
    doc.head.append(style);
  }
  style.textContent = rule;
}
