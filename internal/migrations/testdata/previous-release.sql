-- A database made by the last release before versioned migrations (commit
-- 2ccc5a3): the server's ent auto-migration created it on MariaDB 10.11, then
-- it got a member, a concert and a like. Made with
--   mysqldump --no-data --skip-dump-date DB
--   mysqldump --no-create-info --skip-extended-insert --skip-dump-date DB members concerts concert_likes
-- TestUpgradeFromThePreviousRelease loads it and migrates it.
/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: 127.0.0.1    Database: claco_mig_prev
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Table structure for table `claco_books`
--

DROP TABLE IF EXISTS `claco_books`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `claco_books` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `deleted_at` datetime(6) DEFAULT NULL,
  `tombstone` bigint(20) NOT NULL DEFAULT 0,
  `title` varchar(56) NOT NULL,
  `color` varchar(16) NOT NULL,
  `member_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `clacobook_member_id` (`member_id`),
  CONSTRAINT `claco_books_members_books` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `concert_keywords`
--

DROP TABLE IF EXISTS `concert_keywords`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `concert_keywords` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `score` double NOT NULL,
  `evidence` longtext NOT NULL CHECK (json_valid(`evidence`)),
  `concert_id` bigint(20) NOT NULL,
  `keyword_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `concertkeyword_concert_id_keyword_id` (`concert_id`,`keyword_id`),
  KEY `concert_keywords_keywords_keyword` (`keyword_id`),
  CONSTRAINT `concert_keywords_concerts_keyword_scores` FOREIGN KEY (`concert_id`) REFERENCES `concerts` (`id`) ON DELETE NO ACTION,
  CONSTRAINT `concert_keywords_keywords_keyword` FOREIGN KEY (`keyword_id`) REFERENCES `keywords` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB AUTO_INCREMENT=8589934592 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `concert_likes`
--

DROP TABLE IF EXISTS `concert_likes`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `concert_likes` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `deleted_at` datetime(6) DEFAULT NULL,
  `tombstone` bigint(20) NOT NULL DEFAULT 0,
  `liked_at` bigint(20) NOT NULL,
  `concert_id` bigint(20) NOT NULL,
  `member_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `concertlike_member_id_concert_id_tombstone` (`member_id`,`concert_id`,`tombstone`),
  KEY `concertlike_member_id_liked_at` (`member_id`,`liked_at`),
  KEY `concertlike_concert_id` (`concert_id`),
  CONSTRAINT `concert_likes_concerts_likes` FOREIGN KEY (`concert_id`) REFERENCES `concerts` (`id`) ON DELETE NO ACTION,
  CONSTRAINT `concert_likes_members_likes` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB AUTO_INCREMENT=12884901889 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `concerts`
--

DROP TABLE IF EXISTS `concerts`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `concerts` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `deleted_at` datetime(6) DEFAULT NULL,
  `tombstone` bigint(20) NOT NULL DEFAULT 0,
  `kopis_id` varchar(32) NOT NULL,
  `facility_id` varchar(32) DEFAULT NULL,
  `title` varchar(500) NOT NULL,
  `start_date` date NOT NULL,
  `end_date` date NOT NULL,
  `venue` varchar(500) NOT NULL DEFAULT '',
  `area` varchar(64) NOT NULL DEFAULT '',
  `genre` enum('CLASSICAL','DANCE') NOT NULL,
  `genre_name` varchar(64) NOT NULL DEFAULT '',
  `kopis_state` varchar(32) NOT NULL DEFAULT '',
  `open_run` tinyint(1) NOT NULL DEFAULT 0,
  `poster_url` varchar(1024) DEFAULT NULL,
  `intro_image_urls` longtext NOT NULL CHECK (json_valid(`intro_image_urls`)),
  `synopsis` longtext DEFAULT NULL,
  `summary` longtext DEFAULT NULL,
  `cast_text` longtext NOT NULL DEFAULT '',
  `crew_text` longtext NOT NULL DEFAULT '',
  `runtime` varchar(255) DEFAULT NULL,
  `runtime_minutes` bigint(20) DEFAULT NULL,
  `age_limit` varchar(255) DEFAULT NULL,
  `producer` varchar(500) DEFAULT NULL,
  `producer_planning` varchar(500) DEFAULT NULL,
  `producer_agency` varchar(500) DEFAULT NULL,
  `producer_host` varchar(500) DEFAULT NULL,
  `producer_sponsor` varchar(500) DEFAULT NULL,
  `price_guidance` longtext DEFAULT NULL,
  `prices` longtext NOT NULL CHECK (json_valid(`prices`)),
  `min_price` bigint(20) DEFAULT NULL,
  `max_price` bigint(20) DEFAULT NULL,
  `is_free` tinyint(1) NOT NULL DEFAULT 0,
  `schedule_guidance` longtext DEFAULT NULL,
  `booking_links` longtext NOT NULL CHECK (json_valid(`booking_links`)),
  `visit` tinyint(1) NOT NULL DEFAULT 0,
  `child` tinyint(1) NOT NULL DEFAULT 0,
  `daehakro` tinyint(1) NOT NULL DEFAULT 0,
  `festival` tinyint(1) NOT NULL DEFAULT 0,
  `musical_license` tinyint(1) NOT NULL DEFAULT 0,
  `musical_create` tinyint(1) NOT NULL DEFAULT 0,
  `kopis_updated_at` datetime(6) DEFAULT NULL,
  `imported_at` datetime(6) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `concert_kopis_id_tombstone` (`kopis_id`,`tombstone`),
  KEY `concert_start_date` (`start_date`),
  KEY `concert_end_date` (`end_date`),
  KEY `concert_area` (`area`),
  KEY `concert_min_price_max_price` (`min_price`,`max_price`)
) ENGINE=InnoDB AUTO_INCREMENT=4294967297 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `keywords`
--

DROP TABLE IF EXISTS `keywords`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `keywords` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `key` varchar(32) NOT NULL,
  `name` varchar(64) NOT NULL,
  `pair` bigint(20) NOT NULL,
  `position` bigint(20) NOT NULL,
  `icon_url` varchar(1024) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `key` (`key`),
  UNIQUE KEY `position` (`position`)
) ENGINE=InnoDB AUTO_INCREMENT=17179869184 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `members`
--

DROP TABLE IF EXISTS `members`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `members` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `deleted_at` datetime(6) DEFAULT NULL,
  `tombstone` bigint(20) NOT NULL DEFAULT 0,
  `kakao_id` varchar(32) DEFAULT NULL,
  `email` varchar(255) DEFAULT NULL,
  `nickname` varchar(40) DEFAULT NULL,
  `role` enum('SOCIAL','MEMBER','ADMIN') NOT NULL DEFAULT 'SOCIAL',
  `gender` enum('MALE','FEMALE') DEFAULT NULL,
  `age_band` bigint(20) DEFAULT NULL,
  `profile_image_url` varchar(1024) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `member_kakao_id_tombstone` (`kakao_id`,`tombstone`),
  UNIQUE KEY `member_nickname_tombstone` (`nickname`,`tombstone`),
  KEY `member_email` (`email`)
) ENGINE=InnoDB AUTO_INCREMENT=21474836481 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `place_categories`
--

DROP TABLE IF EXISTS `place_categories`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `place_categories` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `name` varchar(64) NOT NULL,
  `pair` varchar(32) NOT NULL,
  `positive` tinyint(1) NOT NULL,
  `position` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `name` (`name`),
  UNIQUE KEY `position` (`position`)
) ENGINE=InnoDB AUTO_INCREMENT=25769803776 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `preference_keywords`
--

DROP TABLE IF EXISTS `preference_keywords`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `preference_keywords` (
  `preference_id` bigint(20) NOT NULL,
  `keyword_id` bigint(20) NOT NULL,
  PRIMARY KEY (`preference_id`,`keyword_id`),
  KEY `preference_keywords_keyword_id` (`keyword_id`),
  CONSTRAINT `preference_keywords_keyword_id` FOREIGN KEY (`keyword_id`) REFERENCES `keywords` (`id`) ON DELETE CASCADE,
  CONSTRAINT `preference_keywords_preference_id` FOREIGN KEY (`preference_id`) REFERENCES `preferences` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `preferences`
--

DROP TABLE IF EXISTS `preferences`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `preferences` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `deleted_at` datetime(6) DEFAULT NULL,
  `tombstone` bigint(20) NOT NULL DEFAULT 0,
  `regions` longtext NOT NULL CHECK (json_valid(`regions`)),
  `types` longtext NOT NULL CHECK (json_valid(`types`)),
  `min_price` bigint(20) NOT NULL,
  `max_price` bigint(20) NOT NULL,
  `member_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `member_id` (`member_id`),
  CONSTRAINT `preferences_members_preference` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB AUTO_INCREMENT=30064771072 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `refresh_tokens`
--

DROP TABLE IF EXISTS `refresh_tokens`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `refresh_tokens` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `family` varchar(64) NOT NULL,
  `token_hash` varchar(64) NOT NULL,
  `expires_at` datetime(6) NOT NULL,
  `rotated_at` datetime(6) DEFAULT NULL,
  `revoked_at` datetime(6) DEFAULT NULL,
  `user_agent` varchar(255) NOT NULL DEFAULT '',
  `member_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `token_hash` (`token_hash`),
  KEY `refreshtoken_family` (`family`),
  KEY `refreshtoken_member_id` (`member_id`),
  CONSTRAINT `refresh_tokens_members_refresh_tokens` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB AUTO_INCREMENT=34359738368 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `tag_categories`
--

DROP TABLE IF EXISTS `tag_categories`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `tag_categories` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `name` varchar(64) NOT NULL,
  `position` bigint(20) NOT NULL,
  `icon_url` varchar(1024) DEFAULT NULL,
  `keyword_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `name` (`name`),
  UNIQUE KEY `position` (`position`),
  KEY `tag_categories_keywords_keyword` (`keyword_id`),
  CONSTRAINT `tag_categories_keywords_keyword` FOREIGN KEY (`keyword_id`) REFERENCES `keywords` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB AUTO_INCREMENT=38654705664 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `ticket_images`
--

DROP TABLE IF EXISTS `ticket_images`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `ticket_images` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `deleted_at` datetime(6) DEFAULT NULL,
  `tombstone` bigint(20) NOT NULL DEFAULT 0,
  `url` varchar(1024) NOT NULL,
  `position` bigint(20) NOT NULL,
  `review_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ticket_images_ticket_reviews_images` (`review_id`),
  CONSTRAINT `ticket_images_ticket_reviews_images` FOREIGN KEY (`review_id`) REFERENCES `ticket_reviews` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB AUTO_INCREMENT=42949672960 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `ticket_review_place_reviews`
--

DROP TABLE IF EXISTS `ticket_review_place_reviews`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `ticket_review_place_reviews` (
  `ticket_review_id` bigint(20) NOT NULL,
  `place_category_id` bigint(20) NOT NULL,
  PRIMARY KEY (`ticket_review_id`,`place_category_id`),
  KEY `ticket_review_place_reviews_place_category_id` (`place_category_id`),
  CONSTRAINT `ticket_review_place_reviews_place_category_id` FOREIGN KEY (`place_category_id`) REFERENCES `place_categories` (`id`) ON DELETE CASCADE,
  CONSTRAINT `ticket_review_place_reviews_ticket_review_id` FOREIGN KEY (`ticket_review_id`) REFERENCES `ticket_reviews` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `ticket_review_tags`
--

DROP TABLE IF EXISTS `ticket_review_tags`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `ticket_review_tags` (
  `ticket_review_id` bigint(20) NOT NULL,
  `tag_category_id` bigint(20) NOT NULL,
  PRIMARY KEY (`ticket_review_id`,`tag_category_id`),
  KEY `ticket_review_tags_tag_category_id` (`tag_category_id`),
  CONSTRAINT `ticket_review_tags_tag_category_id` FOREIGN KEY (`tag_category_id`) REFERENCES `tag_categories` (`id`) ON DELETE CASCADE,
  CONSTRAINT `ticket_review_tags_ticket_review_id` FOREIGN KEY (`ticket_review_id`) REFERENCES `ticket_reviews` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Table structure for table `ticket_reviews`
--

DROP TABLE IF EXISTS `ticket_reviews`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `ticket_reviews` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT,
  `created_at` datetime(6) NOT NULL,
  `updated_at` datetime(6) NOT NULL,
  `deleted_at` datetime(6) DEFAULT NULL,
  `tombstone` bigint(20) NOT NULL DEFAULT 0,
  `watch_date` date NOT NULL,
  `watch_round` varchar(16) NOT NULL,
  `seat` varchar(120) DEFAULT NULL,
  `rating` double NOT NULL,
  `castings` longtext NOT NULL CHECK (json_valid(`castings`)),
  `content` longtext NOT NULL,
  `ticket_image_url` varchar(1024) DEFAULT NULL,
  `book_id` bigint(20) NOT NULL,
  `concert_id` bigint(20) NOT NULL,
  `member_id` bigint(20) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `ticketreview_concert_id_created_at` (`concert_id`,`created_at`),
  KEY `ticketreview_book_id` (`book_id`),
  KEY `ticketreview_member_id` (`member_id`),
  CONSTRAINT `ticket_reviews_claco_books_tickets` FOREIGN KEY (`book_id`) REFERENCES `claco_books` (`id`) ON DELETE NO ACTION,
  CONSTRAINT `ticket_reviews_concerts_reviews` FOREIGN KEY (`concert_id`) REFERENCES `concerts` (`id`) ON DELETE NO ACTION,
  CONSTRAINT `ticket_reviews_members_reviews` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`) ON DELETE NO ACTION
) ENGINE=InnoDB AUTO_INCREMENT=47244640256 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
/*!40101 SET character_set_client = @saved_cs_client */;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed
/*M!999999\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: 127.0.0.1    Database: claco_mig_prev
-- ------------------------------------------------------
-- Server version	10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40103 SET TIME_ZONE='+00:00' */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

--
-- Dumping data for table `members`
--

LOCK TABLES `members` WRITE;
/*!40000 ALTER TABLE `members` DISABLE KEYS */;
INSERT INTO `members` VALUES (21474836480,'2026-11-25 16:22:52.487417','2026-11-25 16:22:52.487418',NULL,0,NULL,'prev@example.com','이전릴리스','SOCIAL',NULL,NULL,NULL);
/*!40000 ALTER TABLE `members` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping data for table `concerts`
--

LOCK TABLES `concerts` WRITE;
/*!40000 ALTER TABLE `concerts` DISABLE KEYS */;
INSERT INTO `concerts` VALUES (4294967296,'2026-11-25 16:22:52.490936','2026-11-25 16:22:52.490936',NULL,0,'PF999001',NULL,'호두까기 인형','2026-12-24','2026-12-31','예술의전당','','DANCE','','',0,NULL,'[]',NULL,NULL,'','',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'[]',NULL,NULL,0,NULL,'[]',0,0,0,0,0,0,NULL,NULL);
/*!40000 ALTER TABLE `concerts` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Dumping data for table `concert_likes`
--

LOCK TABLES `concert_likes` WRITE;
/*!40000 ALTER TABLE `concert_likes` DISABLE KEYS */;
INSERT INTO `concert_likes` VALUES (12884901888,'2026-11-25 16:22:52.498663','2026-11-25 16:22:52.498664',NULL,0,1766534400000000000,4294967296,21474836480);
/*!40000 ALTER TABLE `concert_likes` ENABLE KEYS */;
UNLOCK TABLES;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed
