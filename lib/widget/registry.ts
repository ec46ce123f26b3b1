/**
 * Registered widgets: an embed id with the exact origins allowed to frame it (security.md item 25).
 * Unregistered article cards need no row: they carry no user data and no actions.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { widgets } from "@/db/schema";

export type Widget = typeof widgets.$inferSelect;
export type WidgetOptions = Widget["options"];

/** A registered widget by its public embed id, or null. */
export function getWidget(db: Db, embedId: string): Widget | null {
  return db.select().from(widgets).where(eq(widgets.id, embedId)).get() ?? null;
}
