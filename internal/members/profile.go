package members

import (
	"context"
	"io"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/upload"
)

// NicknameAvailable says whether a nickname may be taken by the member
// asking (0 for anyone), and if not, why.
func (s *Service) NicknameAvailable(ctx context.Context, askerID int, nickname string) (bool, string, error) {
	if p := NicknameProblem(nickname); p != "" {
		return false, p, nil
	}
	holder, err := s.db.Member.Query().Where(member.Nickname(nickname)).Only(ctx)
	switch {
	case ent.IsNotFound(err):
		return true, "", nil
	case err != nil:
		return false, "", err
	case holder.ID == askerID:
		return true, "", nil
	}
	return false, "the nickname is taken", nil
}

// ProfileInput changes a member's public profile; nil fields stay.
type ProfileInput struct {
	Nickname *string
	// ProfileImage is the image's content.
	ProfileImage io.Reader
}

// UpdateProfile changes a member's nickname and/or profile image. A new
// image replaces the old one, whose file is removed once the change commits;
// a refused change keeps no file of its own.
func (s *Service) UpdateProfile(ctx context.Context, memberID int, in ProfileInput) (*ent.Member, error) {
	if in.Nickname != nil {
		if err := checkNickname("input.nickname", *in.Nickname); err != nil {
			return nil, err
		}
	}
	files := upload.Begin(s.images, s.log)
	var imageURL string
	if in.ProfileImage != nil {
		var err error
		if imageURL, err = files.Add(ctx, in.ProfileImage); err != nil {
			return nil, files.Finish(ctx, upload.Problem("input.profileImage", err))
		}
	}
	var m *ent.Member
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		old, err := lockMember(ctx, tx, memberID)
		if err != nil {
			return err
		}
		update := tx.Member.UpdateOneID(memberID)
		if in.Nickname != nil {
			update.SetNickname(*in.Nickname)
		}
		if imageURL != "" {
			update.SetProfileImageURL(imageURL)
			if old.ProfileImageURL != nil {
				files.Drop(*old.ProfileImageURL)
			}
		}
		m, err = update.Save(ctx)
		return err
	})
	return m, files.Finish(ctx, nicknameConflict(err))
}
