-- Modify "concert_keywords" table
ALTER TABLE `concert_keywords` ADD COLUMN `curated` bool NOT NULL DEFAULT 0;
-- Modify "ticket_reviews" table
ALTER TABLE `ticket_reviews` ADD COLUMN `hidden_at` datetime(6) NULL, ADD COLUMN `hidden_reason` varchar(500) NULL;
-- Create "admin_actions" table
CREATE TABLE `admin_actions` (`id` bigint NOT NULL AUTO_INCREMENT, `admin_id` bigint NOT NULL, `action` varchar(64) NOT NULL, `target_id` bigint NULL, `detail` longtext NULL, `at` datetime(6) NOT NULL, PRIMARY KEY (`id`), INDEX `adminaction_at` (`at`)) CHARSET utf8mb4 COLLATE utf8mb4_bin AUTO_INCREMENT 51539607552;
-- Create "collections" table
CREATE TABLE `collections` (`id` bigint NOT NULL AUTO_INCREMENT, `created_at` datetime(6) NOT NULL, `updated_at` datetime(6) NOT NULL, `deleted_at` datetime(6) NULL, `tombstone` bigint NOT NULL DEFAULT 0, `title` varchar(400) NOT NULL, `description` longtext NULL, `concert_ids` json NOT NULL, PRIMARY KEY (`id`), INDEX `collection_updated_at` (`updated_at`)) CHARSET utf8mb4 COLLATE utf8mb4_bin AUTO_INCREMENT 55834574848;
-- Create "import_runs" table
CREATE TABLE `import_runs` (`id` bigint NOT NULL AUTO_INCREMENT, `source` varchar(255) NOT NULL, `started_at` datetime(6) NOT NULL, `finished_at` datetime(6) NULL, `status` enum('RUNNING','SUCCEEDED','PARTIAL','FAILED') NOT NULL DEFAULT 'RUNNING', `new_count` bigint NOT NULL DEFAULT 0, `updated_count` bigint NOT NULL DEFAULT 0, `unchanged_count` bigint NOT NULL DEFAULT 0, `skipped_count` bigint NOT NULL DEFAULT 0, `failed_count` bigint NOT NULL DEFAULT 0, `error` longtext NULL, PRIMARY KEY (`id`), INDEX `importrun_started_at` (`started_at`)) CHARSET utf8mb4 COLLATE utf8mb4_bin AUTO_INCREMENT 60129542144;
