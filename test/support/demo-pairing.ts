import { pairRegister, type PairedRegister } from "@kasa/sync";

/** A fresh one-time pairing code for register `number` of the relay's demo store. */
export async function demoPairingCode(relayUrl: string, number: number): Promise<string> {
  const demo = (await (await fetch(`${relayUrl}/api/demo`)).json()) as { stores: { storeId: string }[] };
  const storeId = demo.stores[0]!.storeId;
  const res = await fetch(`${relayUrl}/api/demo/stores/${storeId}/registers/${number}/pairing-code`, { method: "POST" });
  return ((await res.json()) as { code: string }).code;
}

/** Pairs register `number` of the relay's demo store through the real HTTP API. */
export async function pairDemoRegister(relayUrl: string, number: number): Promise<PairedRegister> {
  const code = await demoPairingCode(relayUrl, number);
  const paired = await pairRegister(relayUrl, code);
  if (!paired.ok) throw new Error(paired.error.message);
  return paired.value;
}
