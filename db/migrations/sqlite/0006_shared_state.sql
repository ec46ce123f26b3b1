CREATE TABLE `app_tokens` (
	`oauth_server` text PRIMARY KEY NOT NULL,
	`token` text,
	`expires_ms` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_until_ms` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_limit_buckets` (
	`key` text PRIMARY KEY NOT NULL,
	`tokens` real NOT NULL,
	`updated_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `upstream_slots` (
	`credential` text NOT NULL,
	`slot` integer NOT NULL,
	`holder` text,
	`expires_ms` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`credential`, `slot`)
);
