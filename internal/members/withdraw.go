package members

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/preference"
	"github.com/claco/claco/internal/apperr"
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
		// The member's row first, as every writer of a member's content
		// locks it first: withdrawal waits for them, and they for it.
		m, err := lockMember(ctx, tx, memberID)
		if err != nil {
			return err
		}
		for _, owner := range s.content {
			if err := owner.RemoveMember(ctx, tx, files, memberID); err != nil {
				return err
			}
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

// lockMember reads the live member's row and write-locks it until the
// transaction ends (see database.ForUpdate); a member who withdrew meanwhile
// is UNAUTHENTICATED.
func lockMember(ctx context.Context, tx *ent.Client, memberID int) (*ent.Member, error) {
	m, err := tx.Member.Query().Where(member.ID(memberID)).Modify(database.ForUpdate).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.New(apperr.Unauthenticated, "the member has withdrawn")
	}
	return m, err
}
