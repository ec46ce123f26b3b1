ALTER TABLE `users` ADD `language` text;--> statement-breakpoint
ALTER TABLE `users` ADD `wikimedia_language` text;--> statement-breakpoint
ALTER TABLE `users` ADD `wikimedia_gender` text;