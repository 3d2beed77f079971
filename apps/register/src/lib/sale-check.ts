import { completeSale, type EventId, type RegisterId, type Result, type SaleCompleted, type SaleInput, type StoreId } from "@kasa/domain";
import type { RegisterSnapshot } from "@kasa/sync";

/**
 * Asks the domain whether a sale would be accepted, without recording anything: the same
 * `completeSale` the session runs, with placeholder ids. Used before money moves outside the
 * register (a card terminal, a split's first payment), so a customer is never charged for a sale
 * that would then be refused (no open shift, a discount over the total …).
 */
export function checkSale(snapshot: RegisterSnapshot, input: SaleInput): Result<SaleCompleted> {
  const settings = snapshot.store.settings;
  const shiftId = snapshot.shift?.report.shiftId;
  return completeSale(
    {
      catalog: snapshot.store.catalog,
      currency: settings.currency,
      storeId: "dry-run" as StoreId,
      registerId: "dry-run" as RegisterId,
      registerNumber: 1,
      sequence: 1,
      eventId: "dry-run" as EventId,
      now: 0,
      ...(shiftId ? { shiftId } : {}),
      shiftsRequired: snapshot.shiftsRequired,
      allowTaxToggle: settings.allowTaxToggle === true,
    },
    input,
  );
}
