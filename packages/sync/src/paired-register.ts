import { z } from "zod";

/** What a register receives when it is paired with the relay; kept on the device. */
export interface PairedRegister {
  readonly deviceId: string;
  readonly token: string;
  readonly storeId: string;
  readonly storeName: string;
  readonly storeDocUrl: string;
  readonly registerId: string;
  readonly registerNumber: number;
  readonly registerName: string;
  readonly registerDocUrl: string;
}

export const pairedRegisterSchema = z.object({
  deviceId: z.string().min(1),
  token: z.string().min(16),
  storeId: z.string().min(1),
  storeName: z.string(),
  storeDocUrl: z.string().startsWith("automerge:"),
  registerId: z.string().min(1),
  registerNumber: z.number().int().positive(),
  registerName: z.string(),
  registerDocUrl: z.string().startsWith("automerge:"),
});

export type PairingFailure = { code: "PAIRING_CODE_INVALID" | "PAIRING_CODE_EXPIRED" | "NO_CONNECTION" | "BAD_RESPONSE"; message: string };

/** Redeems a pairing code at the relay. Pairing is online-only: the relay issues the device token. */
export async function pairRegister(
  relayHttpUrl: string,
  code: string,
  fetchImpl: typeof fetch = fetch,
): Promise<{ ok: true; value: PairedRegister } | { ok: false; error: PairingFailure }> {
  let response: Response;
  try {
    response = await fetchImpl(new URL("/api/pair", relayHttpUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
  } catch {
    return { ok: false, error: { code: "NO_CONNECTION", message: "No internet connection" } };
  }
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  if (!response.ok) {
    const code = body?.error?.code === "PAIRING_CODE_EXPIRED" ? "PAIRING_CODE_EXPIRED" : "PAIRING_CODE_INVALID";
    return { ok: false, error: { code, message: body?.error?.message ?? `Pairing failed (${response.status})` } };
  }
  const parsed = pairedRegisterSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: { code: "BAD_RESPONSE", message: "The relay sent an unexpected answer" } };
  return { ok: true, value: parsed.data };
}

/** The peer id a device must use: the relay checks it starts with the device id. */
export function peerIdFor(deviceId: string, random: string): string {
  return `${deviceId}/${random}`;
}

/** ws(s)://host/sync for an http(s)://host base. */
export function syncUrlFor(relayHttpUrl: string): string {
  const u = new URL("/sync", relayHttpUrl);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  return u.toString();
}
