ALTER TABLE "users" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "wikimedia_language" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "wikimedia_gender" text;