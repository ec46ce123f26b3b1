CREATE TABLE `wikimedia_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`wikimedia_user_id` text NOT NULL,
	`username` text NOT NULL,
	`groups` text NOT NULL,
	`rights` text NOT NULL,
	`grants` text NOT NULL,
	`blocked` integer NOT NULL,
	`edit_count` integer NOT NULL,
	`registered_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wikimedia_profiles_wikimedia_user_id_unique` ON `wikimedia_profiles` (`wikimedia_user_id`);