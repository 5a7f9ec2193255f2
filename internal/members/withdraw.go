package members

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/preference"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/upload"
)

// Withdraw soft-deletes a member and everything they made and ends all their
// sessions, in one transaction: each owner of members' content (likes, the
// library) removes its part, this package the preference and the member.
// Their files (photos, profile picture) are removed once it has committed.
// Their nickname and Kakao account become free again.
func (s *Service) Withdraw(ctx context.Context, memberID int) error {
	files := upload.Begin(s.images, s.log)
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		for _, owner := range s.content {
			if err := owner.RemoveMember(ctx, tx, files, memberID); err != nil {
				return err
			}
		}
		m, err := tx.Member.Get(ctx, memberID)
		if err != nil {
			return err
		}
		if m.ProfileImageURL != nil {
			files.Drop(*m.ProfileImageURL)
		}
		if _, err := tx.Preference.Delete().Where(preference.MemberID(memberID)).Exec(ctx); err != nil {
			return err
		}
		if err := tx.Member.DeleteOneID(memberID).Exec(ctx); err != nil {
			return err
		}
		return s.sessions.RevokeAll(ctx, tx, memberID)
	})
	return files.Finish(ctx, err)
}
