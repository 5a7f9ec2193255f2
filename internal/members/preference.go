package members

import (
	"context"
	"fmt"
	"slices"

	"github.com/claco/claco/ent"
	"github.com/claco/claco/ent/keyword"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/ent/predicate"
	"github.com/claco/claco/ent/preference"
	"github.com/claco/claco/internal/apperr"
	"github.com/claco/claco/internal/database"
	"github.com/claco/claco/internal/reference"
	"github.com/claco/claco/internal/softdelete"
)

// PreferenceInput changes a member's taste; nil fields stay, lists replace.
type PreferenceInput struct {
	Gender   *member.Gender
	AgeBand  *int
	MinPrice *int
	MaxPrice *int
	Regions  []string
	Types    []PerformanceType
	Keywords []string
}

// Preference returns a member's live preference, or nil before onboarding.
func (s *Service) Preference(ctx context.Context, memberID int) (*ent.Preference, error) {
	p, err := s.db.Preference.Query().Where(preference.MemberID(memberID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return p, err
}

// UpdatePreference applies a partial change to a member's preference (and
// gender and age band) in one transaction.
func (s *Service) UpdatePreference(ctx context.Context, memberID int, in PreferenceInput) (*ent.Preference, error) {
	const f = "input"
	if in.AgeBand != nil {
		if err := checkAgeBand(f+".ageBand", *in.AgeBand); err != nil {
			return nil, err
		}
	}
	if in.Regions != nil {
		if err := checkRegions(f+".regions", in.Regions); err != nil {
			return nil, err
		}
	}
	if in.Types != nil {
		if err := checkTypes(f+".types", in.Types); err != nil {
			return nil, err
		}
	}
	var keywords []*ent.Keyword
	if in.Keywords != nil {
		var err error
		if keywords, err = s.keywordsOf(f+".keywords", in.Keywords); err != nil {
			return nil, err
		}
	}
	var out *ent.Preference
	err := database.InTx(ctx, s.db, func(tx *ent.Client) error {
		if _, err := lockMember(ctx, tx, memberID); err != nil {
			return err
		}
		cur, err := tx.Preference.Query().Where(preference.MemberID(memberID)).Only(ctx)
		if ent.IsNotFound(err) {
			return apperr.New(apperr.Forbidden, "finish onboarding first")
		}
		if err != nil {
			return err
		}
		minP, maxP := cur.MinPrice, cur.MaxPrice
		if in.MinPrice != nil {
			minP = *in.MinPrice
		}
		if in.MaxPrice != nil {
			maxP = *in.MaxPrice
		}
		if err := checkPrices(f, minP, maxP); err != nil {
			return err
		}
		if in.Gender != nil || in.AgeBand != nil {
			mu := tx.Member.UpdateOneID(memberID).SetNillableGender(in.Gender).SetNillableAgeBand(in.AgeBand)
			if err := mu.Exec(ctx); err != nil {
				return err
			}
		}
		pu := cur.Update().SetMinPrice(minP).SetMaxPrice(maxP)
		if in.Regions != nil {
			pu.SetRegions(in.Regions)
		}
		if in.Types != nil {
			pu.SetTypes(typeStrings(in.Types))
		}
		if keywords != nil {
			pu.ClearKeywords().AddKeywords(keywords...)
		}
		out, err = pu.Save(ctx)
		return err
	})
	return out, err
}

// TasteVector is a member's taste in keyword space: 1 on each keyword they
// chose, 0 elsewhere, in vector order. It follows their preference at once.
func TasteVector(chosen []*ent.Keyword) [reference.KeywordCount]float64 {
	var v [reference.KeywordCount]float64
	for _, k := range chosen {
		if k.Position >= 0 && k.Position < len(v) {
			v[k.Position] = 1
		}
	}
	return v
}

// Taste returns the member's current taste vector (zero before onboarding).
func (s *Service) Taste(ctx context.Context, memberID int) ([reference.KeywordCount]float64, error) {
	keywords, err := s.db.Preference.Query().Where(preference.MemberID(memberID)).QueryKeywords().All(ctx)
	if err != nil {
		return [reference.KeywordCount]float64{}, err
	}
	return TasteVector(keywords), nil
}

// Taste is a member's declared taste and the preferences that boost
// recommendations.
type Taste struct {
	MemberID int
	Vector   [reference.KeywordCount]float64
	Regions  []string
	Types    []string
	// MinPrice and MaxPrice are the price range in won.
	MinPrice, MaxPrice int
}

// TasteOf returns the member's declared taste, and false before onboarding.
func (s *Service) TasteOf(ctx context.Context, memberID int) (Taste, bool, error) {
	k, err := s.tastes.Load(memberID, func() (keptTaste, error) {
		prefs, err := s.readTastes(ctx, preference.MemberID(memberID))
		if err != nil || len(prefs) == 0 {
			return keptTaste{}, err
		}
		return keptTaste{prefs[0], true}, nil
	})
	t := k.taste // shared with other requests: its slices are copied
	t.Regions, t.Types = slices.Clone(t.Regions), slices.Clone(t.Types)
	return t, k.ok, err
}

// AllTastes returns the declared taste of every onboarded member.
func (s *Service) AllTastes(ctx context.Context) ([]Taste, error) { return s.readTastes(ctx) }

func (s *Service) readTastes(ctx context.Context, where ...predicate.Preference) ([]Taste, error) {
	rows, err := s.db.Preference.Query().Where(where...).WithKeywords().Order(preference.ByMemberID()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("tastes: %w", err)
	}
	out := make([]Taste, len(rows))
	for i, p := range rows {
		out[i] = Taste{
			MemberID: p.MemberID, Vector: TasteVector(p.Edges.Keywords),
			Regions: p.Regions, Types: p.Types, MinPrice: p.MinPrice, MaxPrice: p.MaxPrice,
		}
	}
	return out, nil
}

// PreferenceKeywords returns a preference's keywords in vector order.
func (s *Service) PreferenceKeywords(ctx context.Context, p *ent.Preference) ([]*ent.Keyword, error) {
	return s.db.Preference.QueryKeywords(p).Order(keyword.ByPosition()).All(ctx)
}

// TastesVersion fingerprints members' preferences (see database.Fingerprint).
func (s *Service) TastesVersion(ctx context.Context) (string, error) {
	return database.Fingerprint(softdelete.IncludeDeleted(ctx), s.db.Preference.Query().Modify(database.CountAndLatest))
}
