package members

import (
	"context"
	"errors"
	"io"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/apperr"
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

// UpdateProfile changes a member's nickname and/or profile image.
func (s *Service) UpdateProfile(ctx context.Context, memberID int, in ProfileInput) (*ent.Member, error) {
	if in.Nickname != nil {
		if err := checkNickname("input.nickname", *in.Nickname); err != nil {
			return nil, err
		}
	}
	var imageURL string
	if in.ProfileImage != nil {
		var err error
		if imageURL, err = s.images.SaveImage(ctx, in.ProfileImage); err != nil {
			return nil, imageProblem("input.profileImage", err)
		}
	}
	update := s.db.Member.UpdateOneID(memberID)
	if in.Nickname != nil {
		update.SetNickname(*in.Nickname)
	}
	if imageURL != "" {
		update.SetProfileImageURL(imageURL)
	}
	m, err := update.Save(ctx)
	if err != nil && imageURL != "" {
		// Nothing refers to the new image: do not keep it.
		_ = s.images.Remove(ctx, imageURL)
	}
	return m, nicknameConflict(err)
}

// imageProblem explains an upload a member can fix; other errors are ours.
func imageProblem(field string, err error) error {
	switch {
	case errors.Is(err, upload.ErrTooLarge):
		return apperr.Invalid(field, "the image is larger than 10 MiB")
	case errors.Is(err, upload.ErrNotAnImage):
		return apperr.Invalid(field, "the file is not a JPEG, PNG or WebP image")
	}
	return err
}
