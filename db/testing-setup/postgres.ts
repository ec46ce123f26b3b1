/**
 * Vitest global setup of the `postgres` project: one throwaway PostgreSQL server for the run
 * (scripts/lib/postgres-cluster.ts), a migrated template database that each test copies
 * (db/testing.ts), handed to the workers (db/testing-setup/postgres-worker.ts).
 */
import type { TestProject } from "vitest/node";
import { openPostgres } from "../index";
import { migrate } from "../migrate";
import { POSTGRES_TEMPLATE } from "../testing";
import { startPostgresCluster } from "../../scripts/lib/postgres-cluster";

export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPostgresCluster();
  try {
    const admin = await openPostgres(cluster.url, { poolSize: 1 });
    await admin.pool.query(`CREATE DATABASE ${POSTGRES_TEMPLATE}`);
    await admin.close();
    const template = await openPostgres(cluster.urlFor(POSTGRES_TEMPLATE), { poolSize: 1 });
    await migrate(template);
    await template.close();
  } catch (error) {
    cluster.stop();
    throw error;
  }
  project.provide("postgresUrl", cluster.url);
  return () => cluster.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
