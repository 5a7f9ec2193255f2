package members

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/clacobook"
	"github.com/claco/claco/ent/concertlike"
	"github.com/claco/claco/ent/preference"
	"github.com/claco/claco/ent/ticketimage"
	"github.com/claco/claco/ent/ticketreview"
	"github.com/claco/claco/internal/database"
)

// Withdraw soft-deletes a member and everything they made (likes, books,
// tickets and their photos, preference) and ends all their sessions, in one
// transaction. Their nickname and Kakao account become free again.
func (s *Service) Withdraw(ctx context.Context, memberID int) error {
	return database.InTx(ctx, s.db, func(tx *ent.Client) error {
		steps := []func() error{
			func() error {
				_, err := tx.TicketImage.Delete().Where(ticketimage.HasReviewWith(ticketreview.MemberID(memberID))).Exec(ctx)
				return err
			},
			func() error {
				_, err := tx.TicketReview.Delete().Where(ticketreview.MemberID(memberID)).Exec(ctx)
				return err
			},
			func() error {
				_, err := tx.ClacoBook.Delete().Where(clacobook.MemberID(memberID)).Exec(ctx)
				return err
			},
			func() error {
				_, err := tx.ConcertLike.Delete().Where(concertlike.MemberID(memberID)).Exec(ctx)
				return err
			},
			func() error {
				_, err := tx.Preference.Delete().Where(preference.MemberID(memberID)).Exec(ctx)
				return err
			},
			func() error { return tx.Member.DeleteOneID(memberID).Exec(ctx) },
			func() error { return s.sessions.RevokeAll(ctx, tx, memberID) },
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
}
