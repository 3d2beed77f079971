import { pairRegister, type PairedRegister } from "@kasa/sync";

/** Pairs register `number` of the relay's demo store through the real HTTP API. */
export async function pairDemoRegister(relayUrl: string, number: number): Promise<PairedRegister> {
  const demo = (await (await fetch(`${relayUrl}/api/demo`)).json()) as { stores: { storeId: string }[] };
  const storeId = demo.stores[0]!.storeId;
  const res = await fetch(`${relayUrl}/api/demo/stores/${storeId}/registers/${number}/pairing-code`, { method: "POST" });
  const { code } = (await res.json()) as { code: string };
  const paired = await pairRegister(relayUrl, code);
  if (!paired.ok) throw new Error(paired.error.message);
  return paired.value;
}
