package library

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect/sql"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/audit"
	"github.com/claco/claco/internal/database"
)

// maxHideReason bounds an admin's reason for hiding a review (characters).
const maxHideReason = 500

// shown keeps the reviews everyone may see: those no admin hid. Every
// public list, count, average and recommendation signal goes through it;
// only a review's author (and admins) see a hidden one.
func shown() func(*sql.Selector) { return sql.FieldIsNull(ticketreview.FieldHiddenAt) }

// shownIn is shown for a review table aliased in a hand-written subquery.
func shownIn(review *sql.SelectTable) *sql.Predicate {
	return sql.IsNull(review.C(ticketreview.FieldHiddenAt))
}

// Visible reports whether a viewer (0 when anonymous) sees the review: an
// admin hid it, only its author and admins do.
func Visible(r *ent.TicketReview, viewerID int, admin bool) bool {
	return r.HiddenAt == nil || admin || (viewerID != 0 && r.MemberID == viewerID)
}

// Hide hides a review from everyone but its author and admins, and records
// the admin's action in the same transaction. Hiding a hidden review
// replaces the reason.
func (s *Service) Hide(ctx context.Context, adminID, reviewID int, reason string) (*ent.TicketReview, error) {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		return nil, apperr.Invalid("reason", "say why the review is hidden")
	case n > maxHideReason:
		return nil, apperr.Invalid("reason", "at most %d characters", maxHideReason)
	}
	return s.moderate(ctx, adminID, reviewID, audit.Entry{Action: audit.HideTicketReview, Detail: reason},
		func(u *ent.TicketReviewUpdateOne) { u.SetHiddenAt(s.now()).SetHiddenReason(reason) })
}

// Unhide shows a hidden review again; unhiding a shown review changes
// nothing but is still recorded.
func (s *Service) Unhide(ctx context.Context, adminID, reviewID int) (*ent.TicketReview, error) {
	return s.moderate(ctx, adminID, reviewID, audit.Entry{Action: audit.UnhideTicketReview},
		func(u *ent.TicketReviewUpdateOne) { u.ClearHiddenAt().ClearHiddenReason() })
}

func (s *Service) moderate(ctx context.Context, adminID, reviewID int, entry audit.Entry, change func(*ent.TicketReviewUpdateOne)) (*ent.TicketReview, error) {
	var out *ent.TicketReview
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		r, err := tx.TicketReview.Get(ctx, reviewID)
		if ent.IsNotFound(err) {
			return apperr.New(apperr.NotFound, "no ticket review with id %d", reviewID)
		}
		if err != nil {
			return fmt.Errorf("moderate review: %w", err)
		}
		update := r.Update()
		change(update)
		if out, err = update.Save(ctx); err != nil {
			return fmt.Errorf("moderate review: %w", err)
		}
		entry.Target = reviewID
		return audit.Record(ctx, tx, adminID, entry)
	})
	return out, err
}
