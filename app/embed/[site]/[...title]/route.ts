/**
 * `/embed/<site>/<title>` — a public article card for any website's `<iframe>` (lib/widget). Complete
 * server-rendered HTML with its own headers; no cookie is read (no auth() here, on purpose).
 */
import { getCardResponder } from "@/lib/widget/server";

// Rendered per request (the card cache and ETag do the caching), never at build time.
export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ site: string; title: string[] }> }): Promise<Response> {
  const { site, title } = await context.params;
  return getCardResponder().publicCard(request, site, title);
}
