package members

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/kakao"
)

// Onboarded reports whether m finished onboarding (has a nickname and a preference).
func (s *Service) Onboarded(ctx context.Context, m *ent.Member) (bool, error) {
	if m.Nickname == nil {
		return false, nil
	}
	return m.QueryPreference().Exist(ctx)
}

// SignInKakao returns the live member of a Kakao account, creating a SOCIAL
// one (ADMIN for the configured e-mails) on first sign-in. Kakao must have
// verified the e-mail.
func (s *Service) SignInKakao(ctx context.Context, u kakao.User) (*ent.Member, error) {
	if !u.EmailVerified {
		return nil, apperr.New(apperr.Forbidden, "the Kakao account has no verified e-mail")
	}
	for attempt := 0; ; attempt++ {
		m, err := s.db.Member.Query().Where(member.KakaoID(u.ID)).Only(ctx)
		switch {
		case err == nil:
			return s.refreshKakaoMember(ctx, m, u)
		case !ent.IsNotFound(err):
			return nil, err
		}
		create := s.db.Member.Create().
			SetKakaoID(u.ID).
			SetEmail(u.Email).
			SetRole(s.roleFor(u.Email, member.RoleSOCIAL))
		if u.ThumbnailURL != "" {
			create.SetProfileImageURL(u.ThumbnailURL)
		}
		m, err = create.Save(ctx)
		// Two first sign-ins at once: the unique Kakao id lets one win; the
		// other finds it on the next turn.
		if ent.IsConstraintError(err) && attempt == 0 {
			continue
		}
		return m, err
	}
}

// refreshKakaoMember keeps the e-mail current and applies the admin list.
func (s *Service) refreshKakaoMember(ctx context.Context, m *ent.Member, u kakao.User) (*ent.Member, error) {
	role := s.roleFor(u.Email, m.Role)
	if m.Email == u.Email && m.Role == role {
		return m, nil
	}
	return m.Update().SetEmail(u.Email).SetRole(role).Save(ctx)
}

// roleFor promotes the configured e-mails to ADMIN.
func (s *Service) roleFor(email string, role member.Role) member.Role {
	if s.adminEmails[normalizeEmail(email)] {
		return member.RoleADMIN
	}
	return role
}

// SignInDev returns the member with the e-mail (created if none), with the
// role if one is given. Only for servers run with CLACO_DEV_LOGIN=true.
func (s *Service) SignInDev(ctx context.Context, email string, role *member.Role) (*ent.Member, error) {
	email = normalizeEmail(email)
	if !strings.Contains(email, "@") || len(email) > 255 {
		return nil, apperr.Invalid("email", "not an e-mail address")
	}
	m, err := s.db.Member.Query().Where(member.Email(email), member.KakaoIDIsNil()).First(ctx)
	if ent.IsNotFound(err) {
		m, err = s.db.Member.Create().SetEmail(email).SetRole(s.roleFor(email, member.RoleSOCIAL)).Save(ctx)
	}
	if err != nil || role == nil || m.Role == *role {
		return m, err
	}
	update := m.Update().SetRole(*role)
	if *role != member.RoleSOCIAL && m.Nickname == nil {
		// A member past onboarding has a nickname; give the dev one.
		update.SetNickname(devNickname())
	}
	return update.Save(ctx)
}

func devNickname() string {
	b := make([]byte, 3)
	_, _ = rand.Read(b)
	return fmt.Sprintf("dev%x", b)
}

func normalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }
