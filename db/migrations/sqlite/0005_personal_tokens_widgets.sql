CREATE TABLE `personal_tokens` (
	`user_id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`last_four` text NOT NULL,
	`wikimedia_user_id` text NOT NULL,
	`username` text NOT NULL,
	`grants` text NOT NULL,
	`rate_limit` text,
	`client_id` text,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	`verified_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `widgets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`wiki` text NOT NULL,
	`title` text NOT NULL,
	`allowed_origins` text NOT NULL,
	`options` text NOT NULL,
	`watch_button` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `widgets_user` ON `widgets` (`user_id`,`created_at`);