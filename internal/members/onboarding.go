package members

import (
	"context"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/preference"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/database"
)

// OnboardingInput is what a new member tells about themself.
type OnboardingInput struct {
	Nickname string
	Gender   member.Gender
	AgeBand  int
	MinPrice int
	MaxPrice int
	Regions  []string
	Types    []PerformanceType
	Keywords []string
}

// validate checks every field; the first problem is returned with its field.
func (s *Service) validateOnboarding(in OnboardingInput) ([]*ent.Keyword, error) {
	const f = "input"
	checks := []error{
		checkNickname(f+".nickname", in.Nickname),
		checkAgeBand(f+".ageBand", in.AgeBand),
		checkPrices(f, in.MinPrice, in.MaxPrice),
		checkRegions(f+".regions", in.Regions),
		checkTypes(f+".types", in.Types),
	}
	for _, err := range checks {
		if err != nil {
			return nil, err
		}
	}
	return s.keywordsOf(f+".keywords", in.Keywords)
}

// CompleteOnboarding records a signed-in member's profile and taste and makes
// them a MEMBER (an ADMIN stays ADMIN), in one transaction.
func (s *Service) CompleteOnboarding(ctx context.Context, memberID int, in OnboardingInput) (*ent.Member, error) {
	keywords, err := s.validateOnboarding(in)
	if err != nil {
		return nil, err
	}
	var m *ent.Member
	err = database.InTx(ctx, s.db, func(tx *ent.Client) error {
		cur, err := lockMember(ctx, tx, memberID)
		if err != nil {
			return err
		}
		done, err := tx.Preference.Query().Where(preference.MemberID(memberID)).Exist(ctx)
		if err != nil {
			return err
		}
		if done {
			return apperr.New(apperr.Forbidden, "onboarding is already complete")
		}
		role := member.RoleMEMBER
		if cur.Role == member.RoleADMIN {
			role = member.RoleADMIN
		}
		m, err = cur.Update().
			SetNickname(in.Nickname).
			SetGender(in.Gender).
			SetAgeBand(in.AgeBand).
			SetRole(role).
			Save(ctx)
		if err != nil {
			return nicknameConflict(err)
		}
		return tx.Preference.Create().
			SetMemberID(memberID).
			SetRegions(in.Regions).
			SetTypes(typeStrings(in.Types)).
			SetMinPrice(in.MinPrice).
			SetMaxPrice(in.MaxPrice).
			AddKeywords(keywords...).
			Exec(ctx)
	})
	return m, err
}

// nicknameConflict turns the unique-nickname violation into CONFLICT. The
// database decides, so two members racing for one nickname cannot both win.
func nicknameConflict(err error) error {
	if ent.IsConstraintError(err) {
		return &apperr.Error{Code: apperr.Conflict, Field: "input.nickname", Message: "the nickname is taken"}
	}
	return err
}
