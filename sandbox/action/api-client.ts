/** A tiny api.php client for the tests: it speaks HTTP exactly as an outside client would. */
export interface ApiCall {
  method?: "GET" | "POST";
  bearer?: string;
  cookie?: string;
  /** Parameters for the query string even on POST (to test mustpostparams and the like). */
  query?: Record<string, string>;
  multipart?: boolean;
  headers?: Record<string, string>;
}

export interface ApiReply {
  status: number;
  headers: Headers;
  body: any;
  setCookie: string[];
}

export async function callApi(base: string, params: Record<string, string>, call: ApiCall = {}): Promise<ApiReply> {
  const method = call.method ?? "GET";
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (call.bearer) headers.authorization = `Bearer ${call.bearer}`;
  if (call.cookie) headers.cookie = call.cookie;
  const all = { format: "json", ...params };
  let url = `${base}/api.php`;
  let body: string | FormData | undefined;
  if (method === "GET") {
    url += `?${new URLSearchParams({ ...all, ...(call.query ?? {}) })}`;
  } else {
    if (call.query) url += `?${new URLSearchParams(call.query)}`;
    if (call.multipart) {
      const form = new FormData();
      for (const [name, value] of Object.entries(all)) form.append(name, value);
      body = form;
    } else {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(all).toString();
    }
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text), setCookie: response.headers.getSetCookie() };
}

/**
 * Test fixtures made the way any client makes pages: action=edit as Ana Admin (full rights, so seeded
 * protection never gets in the way). Tests own their pages instead of leaning on seed content.
 */
export async function createPages(base: string, bearer: string, pages: Record<string, string>): Promise<void> {
  const tokens = await callApi(base, { action: "query", meta: "tokens", formatversion: "2" }, { bearer });
  const token = tokens.body.query.tokens.csrftoken as string;
  for (const [title, text] of Object.entries(pages)) {
    const reply = await callApi(base, { action: "edit", title, text, token, watchlist: "nochange", formatversion: "2" }, { method: "POST", bearer });
    if (reply.body.edit?.result !== "Success") throw new Error(`fixture ${title}: ${JSON.stringify(reply.body)}`);
  }
}
