/**
 * Starts the many-instance stack once for the run and tears it down afterwards. Playwright passes the
 * environment set here on to the workers, which is how the specs learn the database URL, the instances'
 * process ids (to kill one) and nginx's access log.
 */
import { rmSync } from "node:fs";
import { startManyInstances } from "../../scripts/lib/many-instances";
import { INSTANCES, MANY, PORTS, RUN_STATE_VARIABLE, type RunState } from "./environment";

export default async function globalSetup(): Promise<() => Promise<void>> {
  rmSync(MANY.runDir, { recursive: true, force: true });
  const stack = await startManyInstances({
    root: process.cwd(),
    instances: INSTANCES,
    engine: "postgres",
    ports: PORTS,
    env: MANY.sharedEnv,
    runDir: MANY.runDir,
  });
  const state: RunState = {
    databaseUrl: stack.databaseUrl!,
    instances: stack.instances.map((instance) => ({ address: instance.address, pid: instance.pid, logFile: instance.logFile })),
    accessLog: stack.nginx.accessLog,
  };
  process.env[RUN_STATE_VARIABLE] = JSON.stringify(state);
  return () => stack.stop();
}
