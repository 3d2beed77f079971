import type { SaleCompleted } from "@kasa/domain";

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface StoreLook {
  readonly name: string;
  readonly locale: string;
  readonly timeZone: string;
}

function money(amount: number, currency: string, locale: string): string {
  const f = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(amount / 10 ** digits);
}

const escapeHtml = (s: unknown) => String(s).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

function quantity(milli: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(milli / 1000);
}

/** A receipt as an e-mail: plain text and a simple, inline-styled HTML version with the same content. */
export function renderReceiptEmail(sale: SaleCompleted, given: StoreLook): RenderedEmail {
  // Strings from an Automerge document may be text objects: make them plain strings.
  const store: StoreLook = { name: String(given.name), locale: String(given.locale), timeZone: String(given.timeZone) };
  const r = sale.payload.receipt;
  const m = (n: number) => money(n, r.currency, store.locale);
  let when: string;
  try {
    when = new Intl.DateTimeFormat(store.locale, { dateStyle: "medium", timeStyle: "short", timeZone: store.timeZone }).format(new Date(sale.deviceTime));
  } catch {
    when = new Date(sale.deviceTime).toISOString();
  }
  const subject = `Receipt ${r.number} — ${store.name}`;
  const lines = r.lines.map((l) => ({ name: l.variantName ? `${l.name} (${l.variantName})` : l.name, qty: quantity(l.quantityMilli, store.locale), total: m(l.gross) }));
  const payments = r.payments.map((p) => ({ name: p.name ?? (p.type === "cash" ? "Cash" : p.type === "card" ? "Card" : "Other"), amount: m(p.amount) }));
  const taxes = r.taxes.map((t) => ({ name: `${t.name}${t.mode === "included" ? " (incl.)" : ""}`, amount: m(t.amount) }));
  const discount = r.discountTotal ?? 0;

  const text = [
    store.name,
    `Receipt ${r.number}`,
    when,
    "",
    ...lines.map((l) => `${l.qty} × ${l.name}  ${l.total}`),
    "",
    `Subtotal  ${m(r.subtotal)}`,
    ...(discount > 0 ? [`Discounts  −${m(discount)}`] : []),
    ...taxes.map((t) => `${t.name}  ${t.amount}`),
    `Total  ${m(r.total)}`,
    "",
    ...payments.map((p) => `${p.name}  ${p.amount}`),
    "",
    "Thank you!",
  ].join("\n");

  const row = (a: string, b: string, strong = false) =>
    `<tr><td style="padding:4px 0;${strong ? "font-weight:600;" : ""}">${escapeHtml(a)}</td><td style="padding:4px 0;text-align:right;${strong ? "font-weight:600;" : ""}">${escapeHtml(b)}</td></tr>`;
  const html = `<!doctype html><html><body style="margin:0;background:#f4f5f7;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1f2328">
<div style="max-width:420px;margin:24px auto;background:#fff;border-radius:12px;padding:24px">
<h1 style="font-size:18px;margin:0 0 4px">${escapeHtml(store.name)}</h1>
<p style="margin:0 0 16px;color:#57606a">Receipt ${escapeHtml(r.number)} · ${escapeHtml(when)}</p>
<table style="width:100%;border-collapse:collapse;font-size:14px">
${lines.map((l) => row(`${l.qty} × ${l.name}`, l.total)).join("\n")}
<tr><td colspan="2" style="border-top:1px solid #d0d7de;padding-top:4px"></td></tr>
${row("Subtotal", m(r.subtotal))}
${discount > 0 ? row("Discounts", `−${m(discount)}`) : ""}
${taxes.map((t) => row(t.name, t.amount)).join("\n")}
${row("Total", m(r.total), true)}
<tr><td colspan="2" style="border-top:1px solid #d0d7de;padding-top:4px"></td></tr>
${payments.map((p) => row(p.name, p.amount)).join("\n")}
</table>
<p style="margin:16px 0 0;color:#57606a">Thank you!</p>
</div></body></html>`;
  return { subject, text, html };
}
