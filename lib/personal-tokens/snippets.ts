/**
 * Ready-to-copy calls of a wiki's Action API with a personal API token. The real token goes in only
 * right after it was pasted (the browser already has it then); afterwards the snippets read it from
 * the `WIKIMEDIA_TOKEN` environment variable, because Wikiport never shows a stored token again.
 * Pure functions: the dashboard's snippet picker runs them in the browser.
 */

export const TOKEN_VARIABLE = "WIKIMEDIA_TOKEN";

export interface SnippetSet {
  curl: string;
  javascript: string;
  python: string;
}

/** Wikimedia blocks generic User-Agents (T400119); a script must name itself and give a contact. */
const USER_AGENT = "MyTool/1.0 (https://example.org/my-tool; you@example.org)";
const USER_AGENT_NOTE = "Wikimedia's User-Agent policy: name your tool and give a way to reach you, or requests get blocked.";
const PARAMS = { action: "query", meta: "userinfo", format: "json" } as const;

/** `apiUrl` is the chosen wiki's api.php; `token` is null once it may no longer be shown. */
export function personalTokenSnippets(apiUrl: string, token: string | null): SnippetSet {
  const query = new URLSearchParams(PARAMS).toString();
  const url = `${apiUrl}?${query}`;
  const curl = [
    `# ${USER_AGENT_NOTE}`,
    `curl "${url}" \\`,
    `  --header "Authorization: Bearer ${token ?? `$${TOKEN_VARIABLE}`}" \\`,
    `  --user-agent "${USER_AGENT}"`,
  ].join("\n");

  const javascript = [
    "// Node.js 18 or later (fetch is built in).",
    token ? `const token = "${token}"; // keep it secret: it acts as you` : `const token = process.env.${TOKEN_VARIABLE};`,
    `const response = await fetch("${url}", {`,
    "  headers: {",
    "    Authorization: `Bearer ${token}`,",
    `    // ${USER_AGENT_NOTE}`,
    `    "User-Agent": "${USER_AGENT}",`,
    "  },",
    "});",
    "console.log(await response.json());",
  ].join("\n");

  const python = [
    ...(token ? [] : ["import os"]),
    "import requests",
    "",
    token ? `token = "${token}"  # keep it secret: it acts as you` : `token = os.environ["${TOKEN_VARIABLE}"]`,
    "response = requests.get(",
    `    "${apiUrl}",`,
    `    params={${Object.entries(PARAMS).map(([name, value]) => `"${name}": "${value}"`).join(", ")}},`,
    "    headers={",
    '        "Authorization": f"Bearer {token}",',
    `        # ${USER_AGENT_NOTE}`,
    `        "User-Agent": "${USER_AGENT}",`,
    "    },",
    "    timeout=30,",
    ")",
    "print(response.json())",
  ].join("\n");

  return { curl, javascript, python };
}
