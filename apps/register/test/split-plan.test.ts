import { describe, expect, test } from "vitest";
import { minor, settle } from "@kasa/domain";
import * as split from "../src/state/split-plan.js";
import { catalog } from "./fixtures.js";

const total = minor(2190);

describe("split plan", () => {
  test("D24 starts evenly; ± re-divides what is left over the unpaid payments", () => {
    const plan = split.createSplit(total, 2, "cash");
    expect(plan.parts.map((p) => p.amount)).toEqual([1095, 1095]);
    const three = split.setCount(plan, 3, "cash");
    expect(three.parts.map((p) => p.amount)).toEqual([730, 730, 730]);
    expect(split.setCount(three, 1, "cash").parts).toHaveLength(2);
    expect(split.setCount(three, 99, "cash").parts).toHaveLength(split.MAX_SPLIT);
    // Never more payments than minor units to share.
    expect(split.setCount(split.createSplit(minor(3), 2, "cash"), 5, "cash").parts.map((p) => p.amount)).toEqual([1, 1, 1]);
  });

  test("D24 editing an amount spreads the rest over the later unpaid payments", () => {
    const plan = split.setCount(split.createSplit(total, 2, "cash"), 3, "cash");
    const edited = split.setAmount(plan, 0, minor(1000));
    expect(edited.ok && edited.plan.parts.map((p) => p.amount)).toEqual([1000, 595, 595]);
    const over = split.setAmount(plan, 0, minor(2189));
    expect(over.ok || over.code).toBe("SPLIT_AMOUNT_OVER");
    // The last one moves alone: the difference shows until the amounts add up.
    const last = split.setAmount(plan, 2, minor(700));
    expect(last.ok && split.imbalance(last.plan)).toBe(-30);
    expect(split.setAmount(plan, 2, minor(800)).ok).toBe(false);
    expect(split.setAmount(plan, 1, minor(0)).ok).toBe(false);
  });

  test("D8 D24 charged in order, marked Paid; only the last may give change; the payments settle the total", () => {
    let plan = split.createSplit(total, 2, "cash");
    plan = split.setMethod(plan, 1, "voucher").ok ? (split.setMethod(plan, 1, "voucher") as { plan: split.SplitPlan }).plan : plan;
    const early = split.markPaid(plan, 1, { type: "custom", amount: 1095, paymentTypeId: "voucher" as never });
    expect(early.ok || early.code).toBe("SPLIT_OUT_OF_ORDER");
    const change = split.markPaid(plan, 0, { type: "cash", received: 2000 });
    expect(change.ok || change.code).toBe("CHANGE_NOT_LAST");
    const first = split.markPaid(plan, 0, { type: "cash", received: 1095 });
    if (!first.ok) throw new Error(first.code);
    expect(split.remaining(first.plan)).toBe(1095);
    expect(split.nextPart(first.plan)).toBe(1);
    // A paid payment stays: ± only re-divides the unpaid rest.
    expect(split.setCount(first.plan, 3, "cash").parts.map((p) => p.amount)).toEqual([1095, 548, 547]);
    const second = split.markPaid(first.plan, 1, { type: "custom", amount: 1095, paymentTypeId: "voucher" as never });
    if (!second.ok) throw new Error(second.code);
    expect(split.allPaid(second.plan)).toBe(true);
    const settled = settle(total, split.salePayments(second.plan), catalog);
    expect(settled.ok && settled.value.map((p) => p.amount)).toEqual([1095, 1095]);
  });

  test("D8 cash in the last payment may be more than its amount: the excess is change", () => {
    const plan = split.createSplit(minor(1000), 2, "cash");
    const a = split.markPaid(plan, 0, { type: "card", amount: 500 });
    if (!a.ok) throw new Error(a.code);
    const b = split.markPaid(a.plan, 1, { type: "cash", received: 2000 });
    if (!b.ok) throw new Error(b.code);
    const settled = settle(minor(1000), split.salePayments(b.plan));
    expect(settled.ok && settled.value[1]).toMatchObject({ amount: 500, received: 2000, change: 1500 });
  });

  test("the last payment is refused while the amounts don't add up; a paid payment can be taken back", () => {
    const plan = split.createSplit(minor(1000), 2, "cash");
    const edited = split.setAmount(plan, 1, minor(400));
    if (!edited.ok) throw new Error(edited.code);
    const first = split.markPaid(edited.plan, 0, { type: "cash", received: 500 });
    if (!first.ok) throw new Error(first.code);
    const last = split.markPaid(first.plan, 1, { type: "cash", received: 400 });
    expect(last.ok || last.code).toBe("SPLIT_NOT_BALANCED");
    const undone = split.unmarkPaid(first.plan, 0);
    expect(undone.ok && split.paidTotal(undone.plan)).toBe(0);
  });
});
