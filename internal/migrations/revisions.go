package migrations

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/schema"
)

// RevisionsTable records which migrations a database has run, one row per
// file (the layout of the Atlas CLI's table of the same name).
const RevisionsTable = "atlas_schema_revisions"

const createRevisions = "CREATE TABLE IF NOT EXISTS `" + RevisionsTable + "` (" +
	"`version` varchar(255) NOT NULL, " +
	"`description` varchar(255) NOT NULL, " +
	"`type` bigint unsigned NOT NULL DEFAULT 2, " +
	"`applied` bigint NOT NULL DEFAULT 0, " +
	"`total` bigint NOT NULL DEFAULT 0, " +
	"`executed_at` timestamp NOT NULL, " +
	"`execution_time` bigint NOT NULL, " +
	"`error` longtext NULL, " +
	"`error_stmt` longtext NULL, " +
	"`hash` varchar(255) NOT NULL, " +
	"`partial_hashes` json NULL, " +
	"`operator_version` varchar(255) NOT NULL, " +
	"PRIMARY KEY (`version`)" +
	") CHARSET utf8mb4 COLLATE utf8mb4_bin"

const revisionColumns = "`version`, `description`, `type`, `applied`, `total`, `executed_at`, `execution_time`, `error`, `error_stmt`, `hash`, `partial_hashes`, `operator_version`"

// revisions is Atlas's migrate.RevisionReadWriter over RevisionsTable in the
// connected database.
type revisions struct {
	conn schema.ExecQuerier
}

var _ migrate.RevisionReadWriter = (*revisions)(nil)

// create makes the table if it is missing.
func (r *revisions) create(ctx context.Context) error {
	if _, err := r.conn.ExecContext(ctx, createRevisions); err != nil {
		return fmt.Errorf("create %s: %w", RevisionsTable, err)
	}
	return nil
}

// exists reports whether the table is there.
func (r *revisions) exists(ctx context.Context) (bool, error) {
	rows, err := r.conn.QueryContext(ctx, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?", RevisionsTable)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	var n int
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return false, err
		}
	}
	return n > 0, rows.Err()
}

func (r *revisions) Ident() *migrate.TableIdent {
	return &migrate.TableIdent{Name: RevisionsTable}
}

func (r *revisions) ReadRevisions(ctx context.Context) ([]*migrate.Revision, error) {
	return r.query(ctx, "SELECT "+revisionColumns+" FROM `"+RevisionsTable+"` ORDER BY `version`")
}

func (r *revisions) ReadRevision(ctx context.Context, v string) (*migrate.Revision, error) {
	revs, err := r.query(ctx, "SELECT "+revisionColumns+" FROM `"+RevisionsTable+"` WHERE `version` = ?", v)
	if err != nil {
		return nil, err
	}
	if len(revs) == 0 {
		return nil, migrate.ErrRevisionNotExist
	}
	return revs[0], nil
}

func (r *revisions) WriteRevision(ctx context.Context, rev *migrate.Revision) error {
	var hashes any
	if len(rev.PartialHashes) > 0 {
		b, err := json.Marshal(rev.PartialHashes)
		if err != nil {
			return err
		}
		hashes = string(b)
	}
	_, err := r.conn.ExecContext(ctx, "INSERT INTO `"+RevisionsTable+"` ("+revisionColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "+
		"ON DUPLICATE KEY UPDATE `description` = VALUES(`description`), `type` = VALUES(`type`), `applied` = VALUES(`applied`), "+
		"`total` = VALUES(`total`), `executed_at` = VALUES(`executed_at`), `execution_time` = VALUES(`execution_time`), "+
		"`error` = VALUES(`error`), `error_stmt` = VALUES(`error_stmt`), `hash` = VALUES(`hash`), "+
		"`partial_hashes` = VALUES(`partial_hashes`), `operator_version` = VALUES(`operator_version`)",
		rev.Version, rev.Description, uint(rev.Type), rev.Applied, rev.Total, rev.ExecutedAt.UTC(), int64(rev.ExecutionTime),
		nullString(rev.Error), nullString(rev.ErrorStmt), rev.Hash, hashes, rev.OperatorVersion)
	return err
}

func (r *revisions) DeleteRevision(ctx context.Context, v string) error {
	_, err := r.conn.ExecContext(ctx, "DELETE FROM `"+RevisionsTable+"` WHERE `version` = ?", v)
	return err
}

func (r *revisions) query(ctx context.Context, query string, args ...any) ([]*migrate.Revision, error) {
	rows, err := r.conn.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", RevisionsTable, err)
	}
	defer rows.Close()
	var out []*migrate.Revision
	for rows.Next() {
		var (
			rev            migrate.Revision
			typ            uint
			took           int64
			errText, stmt  sql.NullString
			hashes         sql.NullString
			executedAtText sql.NullTime
		)
		if err := rows.Scan(&rev.Version, &rev.Description, &typ, &rev.Applied, &rev.Total, &executedAtText, &took,
			&errText, &stmt, &rev.Hash, &hashes, &rev.OperatorVersion); err != nil {
			return nil, err
		}
		rev.Type = migrate.RevisionType(typ)
		rev.ExecutedAt = executedAtText.Time
		rev.ExecutionTime = time.Duration(took)
		rev.Error, rev.ErrorStmt = errText.String, stmt.String
		if hashes.Valid && hashes.String != "" {
			if err := json.Unmarshal([]byte(hashes.String), &rev.PartialHashes); err != nil {
				return nil, fmt.Errorf("%s %s: partial_hashes: %w", RevisionsTable, rev.Version, err)
			}
		}
		out = append(out, &rev)
	}
	return out, rows.Err()
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
