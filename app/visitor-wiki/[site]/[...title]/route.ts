/**
 * A visitor's view of `/wiki/<site>/<title>`, as a document built without React
 * (lib/articles/visitor-pages.ts, docs/decisions/020-visitor-pages.md). proxy.ts rewrites such views here,
 * after its checks and with its headers; a request straight to this address gets the same checks (the
 * read limit counts it too), and anything but a visitor's view (a session cookie, another action) is
 * sent to the React page at `/wiki/`.
 */
import { NextResponse, type NextRequest } from "next/server";
import { visitorDocuments } from "@/lib/articles/server";
import { isVisitorView, wikiPathOf } from "@/lib/articles/visitor-route";
import { visitorResponse } from "@/lib/articles/visitor-pages";
import { isSessionCookie } from "@/lib/security/headers";

// Per request (the visitor cache and the kept documents do the caching), never at build time.
export const dynamic = "force-dynamic";

async function view(request: NextRequest): Promise<Response> {
  const url = request.nextUrl;
  const visitor = isVisitorView({
    method: request.method,
    pathname: url.pathname,
    searchParams: url.searchParams,
    signedIn: request.cookies.getAll().some(({ name }) => isSessionCookie(name)),
  });
  if (!visitor) {
    const target = url.clone();
    target.pathname = wikiPathOf(url.pathname);
    return NextResponse.redirect(target, 307);
  }
  return visitorResponse(await visitorDocuments.answer(url), request.method);
}

export const GET = view;
export const HEAD = view;
