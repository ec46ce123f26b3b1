/**
 * `npm run sandbox`: the sandbox wiki as its own process. Prints its URL, the demo accounts and
 * Wikiport's consumer credentials.
 */
import { sandboxConfigFromEnv } from "./config";
import { startSandbox } from "./server";
import { WIKIPORT_CLIENT } from "./seed";
import { WIKIS } from "./wikis";

async function main(): Promise<void> {
  const config = sandboxConfigFromEnv(process.env);
  let sandbox;
  try {
    sandbox = await startSandbox(config);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      console.error(`The sandbox wiki cannot listen on port ${config.port}: another program is using it.\n` +
        `Stop that program, or choose another port with SANDBOX_PORT=<port>.`);
      process.exit(1);
    }
    throw error;
  }
  const { url, store } = sandbox;
  const lines = [
    `Sandbox wiki ready at ${url}/`,
    `  wikis:    ${WIKIS.map((wiki) => `${url}/${wiki.host}/w/`).join("\n            ")}`,
    `  accounts: ${store.state.users.map((user) => `${user.name.padEnd(14)} password ${user.password.padEnd(16)} ${user.role}`).join("\n            ")}`,
    `  consumer: client id ${WIKIPORT_CLIENT.key}, secret ${WIKIPORT_CLIENT.secret}`,
    `            callback ${store.config.wikiportCallback}`,
    `  store:    ${config.store === "memory" ? "in memory (reset on restart)" : config.store.file}`,
  ];
  // Under npm start the launcher prints the accounts in its own banner; one line is enough here.
  console.log(process.env.SANDBOX_QUIET === "1" ? lines[0] : lines.join("\n"));

  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

void main();
