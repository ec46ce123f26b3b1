/**
 * `/embed/w/<embedId>` — a registered widget's card, framable only by the origins its owner allowed
 * (lib/widget). No cookie is read (no auth() here, on purpose).
 */
import { getCardResponder } from "@/lib/widget/server";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ embedId: string }> }): Promise<Response> {
  const { embedId } = await context.params;
  return getCardResponder().registeredCard(request, embedId);
}
