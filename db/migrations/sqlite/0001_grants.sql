CREATE TABLE `grants` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`oauth_server` text NOT NULL,
	`wikimedia_user_id` text NOT NULL,
	`access_token` text,
	`refresh_token` text,
	`access_expires_at` integer,
	`refresh_expires_at` integer,
	`scopes` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`version` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_refresh_at` integer,
	`failure_count` integer DEFAULT 0 NOT NULL,
	`retry_after` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `grants_user_id_unique` ON `grants` (`user_id`);