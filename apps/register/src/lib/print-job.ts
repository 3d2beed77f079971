import type { Receipt, ShiftReport } from "@kasa/domain";

/** What the Print buttons ask the app to print (the app renders it on the page's print area). */
export type PrintJob =
  | { readonly kind: "receipt"; readonly receipt: Receipt; readonly deviceTime: number }
  | { readonly kind: "shift"; readonly report: ShiftReport };

/** The event a Print button dispatches; it bubbles out of shadow roots to the app. */
export function printRequest(job: PrintJob): CustomEvent<PrintJob> {
  return new CustomEvent("print-request", { detail: job, bubbles: true, composed: true });
}
