package graph_test

import (
	"context"
	"maps"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/apitest"
	"github.com/claco/claco/internal/members"
)

func TestOnboardingValidatesEveryField(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	d.DevLogin("new@example.com", "")
	cases := []struct {
		name  string
		field string
		value any
		want  string // extensions.field
	}{
		{"nickname too short", "nickname", "가", "input.nickname"},
		{"nickname too long", "nickname", "가나다라마바사아자차카", "input.nickname"},
		{"nickname with a space", "nickname", "클 라코", "input.nickname"},
		{"nickname with a symbol", "nickname", "claco!", "input.nickname"},
		{"gender", "gender", "OTHER", "input.gender"},
		{"age band", "ageBand", 25, "input.ageBand"},
		{"negative price", "minPrice", -1, "input.minPrice"},
		{"max below min", "maxPrice", -5, "input.maxPrice"},
		{"absurd max", "maxPrice", 20_000_000, "input.maxPrice"},
		{"no region", "regions", []string{}, "input.regions"},
		{"unknown region", "regions", []string{"서울", "화성"}, "input.regions"},
		{"region twice", "regions", []string{"서울", "서울"}, "input.regions"},
		{"no type", "types", []string{}, "input.types"},
		{"type twice", "types", []string{"PERFORMANCE", "PERFORMANCE"}, "input.types"},
		{"unknown type", "types", []string{"MUSICAL"}, "input.types"},
		{"four keywords", "keywords", []string{"grand", "modern", "lyrical", "romantic"}, "input.keywords"},
		{"two of a pair", "keywords", []string{"grand", "delicate", "lyrical", "romantic", "familiar"}, "input.keywords"},
		{"unknown keyword", "keywords", []string{"grand", "modern", "lyrical", "romantic", "loud"}, "input.keywords"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			input := maps.Clone(apitest.OnboardingInput("좋은이름"))
			input[c.field] = c.value
			d.Query(apitest.OnboardMutation, map[string]any{"input": input}).MustFail(t, "BAD_USER_INPUT", c.want)
		})
	}
	// None of the failures changed anything.
	if m := me(t, d); m.Me.Role != "SOCIAL" || m.Me.Nickname != nil {
		t.Fatalf("failed onboarding changed the member: %+v", m.Me)
	}
	d.Onboard("좋은이름")
	d.Query(apitest.OnboardMutation, map[string]any{"input": apitest.OnboardingInput("다른이름")}).MustFail(t, "FORBIDDEN", "")
}

type meResult struct {
	Me *struct {
		ID, Role   string
		Nickname   *string
		Email      *string
		Gender     *string
		AgeBand    *int
		Preference *struct {
			Keywords           []struct{ Key string }
			Regions            []string
			Types              []string
			MinPrice, MaxPrice int
		}
		ProfileImageUrl *string
	}
}

const meQuery = `{ me { id role nickname email gender ageBand profileImageUrl
	preference { keywords { key } regions types minPrice maxPrice } } }`

func me(t *testing.T, d *apitest.Device) meResult {
	t.Helper()
	var res meResult
	d.Query(meQuery, nil).MustData(t, &res)
	return res
}

func TestTwoOnboardingsRaceForOneNickname(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	const racers = 4
	devices := make([]*apitest.Device, racers)
	for i := range devices {
		devices[i] = api.NewDevice("racer")
		devices[i].DevLogin(strings.Repeat("r", i+1)+"@example.com", "")
	}
	codes := make([]string, racers)
	var wg sync.WaitGroup
	for i, d := range devices {
		wg.Go(func() {
			res := d.Query(apitest.OnboardMutation, map[string]any{"input": apitest.OnboardingInput("한자리")})
			if len(res.Errors) > 0 {
				codes[i] = res.Errors[0].Code() + " " + res.Errors[0].Field()
			} else {
				codes[i] = "ok"
			}
		})
	}
	wg.Wait()
	wins := 0
	for _, c := range codes {
		switch c {
		case "ok":
			wins++
		case "CONFLICT input.nickname":
		default:
			t.Fatalf("a racer got %q", c)
		}
	}
	if wins != 1 {
		t.Fatalf("%d racers got the nickname: %v", wins, codes)
	}
	if n := api.DB.Member.Query().Where(member.Nickname("한자리")).CountX(context.Background()); n != 1 {
		t.Fatalf("%d members hold the nickname", n)
	}
	// The losers changed nothing and can still onboard.
	for _, d := range devices {
		if m := me(t, d); m.Me.Nickname == nil && m.Me.Role != "SOCIAL" {
			t.Fatalf("a loser was half onboarded: %+v", m.Me)
		}
	}
}

func TestNicknameAvailable(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	owner := api.NewDevice("owner")
	owner.DevLogin("owner@example.com", "")
	owner.Onboard("클라코")
	check := func(d *apitest.Device, nickname string) (bool, *string) {
		var res struct {
			NicknameAvailable struct {
				Available bool
				Reason    *string
			}
		}
		q := `query($n: String!) { nicknameAvailable(nickname: $n) { available reason } }`
		if d == nil {
			api.Query(q, map[string]any{"n": nickname}).MustData(t, &res)
		} else {
			d.Query(q, map[string]any{"n": nickname}).MustData(t, &res)
		}
		return res.NicknameAvailable.Available, res.NicknameAvailable.Reason
	}
	if ok, reason := check(nil, "클라코"); ok || reason == nil || !strings.Contains(*reason, "taken") {
		t.Fatalf("a taken nickname: %v %v", ok, reason)
	}
	if ok, _ := check(owner, "클라코"); !ok {
		t.Fatal("a member's own nickname is reported taken to them")
	}
	if ok, reason := check(nil, "x"); ok || reason == nil {
		t.Fatalf("a malformed nickname: %v %v", ok, reason)
	}
	if ok, reason := check(nil, "새이름7"); !ok || reason != nil {
		t.Fatalf("a free nickname: %v %v", ok, reason)
	}
}

func TestUpdateProfileNicknameAndImage(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	other := api.NewDevice("other")
	other.DevLogin("other@example.com", "")
	other.Onboard("있는이름")
	d := api.NewDevice("phone")
	d.DevLogin("me@example.com", "")
	d.Onboard("내이름")

	update := `mutation($input: ProfileInput!) { updateProfile(input: $input) { nickname profileImageUrl } }`
	d.Query(update, map[string]any{"input": map[string]any{"nickname": "있는이름"}}).MustFail(t, "CONFLICT", "input.nickname")
	d.Query(update, map[string]any{"input": map[string]any{"nickname": "!"}}).MustFail(t, "BAD_USER_INPUT", "input.nickname")
	var res struct {
		UpdateProfile struct {
			Nickname        string
			ProfileImageUrl *string
		}
	}
	d.Query(update, map[string]any{"input": map[string]any{"nickname": "바꾼이름"}}).MustData(t, &res)
	if res.UpdateProfile.Nickname != "바꾼이름" {
		t.Fatalf("nickname now %q", res.UpdateProfile.Nickname)
	}

	png := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 100)...)
	vars := map[string]any{"input": map[string]any{"profileImage": nil}}
	d.Upload(update, vars, "variables.input.profileImage", "me.png", png).MustData(t, &res)
	url := res.UpdateProfile.ProfileImageUrl
	if url == nil || !strings.HasPrefix(*url, "/files/") {
		t.Fatalf("profile image URL %v", url)
	}
	if got := d.Get(*url); got.StatusCode != http.StatusOK || got.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("GET %s: %d %s", *url, got.StatusCode, got.Header.Get("Content-Type"))
	}
	html := []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
	d.Upload(update, vars, "variables.input.profileImage", "evil.png", html).MustFail(t, "BAD_USER_INPUT", "input.profileImage")
	big := append(append([]byte{}, png...), make([]byte, 10<<20)...)
	d.Upload(update, vars, "variables.input.profileImage", "big.png", big).MustFail(t, "BAD_USER_INPUT", "input.profileImage")
	if m := me(t, d); *m.Me.ProfileImageUrl != *url {
		t.Fatalf("a refused upload replaced the profile image: %v", *m.Me.ProfileImageUrl)
	}
	// A taken nickname refuses the whole change, and the new image is not kept.
	d.Upload(update, map[string]any{"input": map[string]any{"nickname": "있는이름", "profileImage": nil}},
		"variables.input.profileImage", "new.png", png).MustFail(t, "CONFLICT", "input.nickname")
	if files, _ := os.ReadDir(api.Config.UploadDir); len(files) != 1 {
		t.Fatalf("%d files in the upload directory, want only the profile image", len(files))
	}
}

func TestUpdatePreferenceIsPartialAndChangesTheTaste(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	login := d.DevLogin("taste@example.com", "")
	d.Onboard("취향")
	svc := members.New(members.Deps{DB: api.DB.Client})
	before, err := svc.Taste(context.Background(), atoi(t, login.Member.ID))
	if err != nil {
		t.Fatal(err)
	}

	update := `mutation($input: PreferenceInput!) { updatePreference(input: $input) { keywords { key } regions types minPrice maxPrice } }`
	var res struct {
		UpdatePreference struct {
			Keywords           []struct{ Key string }
			Regions, Types     []string
			MinPrice, MaxPrice int
		}
	}
	d.Query(update, map[string]any{"input": map[string]any{
		"regions": []string{"강원"}, "keywords": []string{"delicate", "classical", "dynamic", "tragic", "novel"},
	}}).MustData(t, &res)
	p := res.UpdatePreference
	if len(p.Regions) != 1 || p.Regions[0] != "강원" || p.Types[0] != "MUSIC_FOCUSED" || p.MaxPrice != 100000 {
		t.Fatalf("partial update: %+v", p)
	}
	if len(p.Keywords) != 5 || p.Keywords[0].Key != "delicate" || p.Keywords[4].Key != "novel" {
		t.Fatalf("keywords: %+v", p.Keywords)
	}
	after, _ := svc.Taste(context.Background(), atoi(t, login.Member.ID))
	if before == after || after[1] != 1 || after[0] != 0 {
		t.Fatalf("taste vector %v did not follow the new keywords (was %v)", after, before)
	}

	d.Query(update, map[string]any{"input": map[string]any{"minPrice": 200000}}).MustFail(t, "BAD_USER_INPUT", "input.maxPrice")
	d.Query(update, map[string]any{"input": map[string]any{"ageBand": 70}}).MustFail(t, "BAD_USER_INPUT", "input.ageBand")
	d.Query(update, map[string]any{"input": map[string]any{"regions": []string{}}}).MustFail(t, "BAD_USER_INPUT", "input.regions")
	d.Query(update, map[string]any{"input": map[string]any{"keywords": []string{"grand"}}}).MustFail(t, "BAD_USER_INPUT", "input.keywords")
	d.Query(update, map[string]any{"input": map[string]any{"types": []string{}}}).MustFail(t, "BAD_USER_INPUT", "input.types")
	d.Query(update, map[string]any{"input": map[string]any{"gender": "NONE"}}).MustFail(t, "BAD_USER_INPUT", "input.gender")
	d.Query(update, map[string]any{"input": map[string]any{"maxPrice": -1}}).MustFail(t, "BAD_USER_INPUT", "input.maxPrice")
	d.Query(update, map[string]any{"input": map[string]any{"gender": "MALE", "ageBand": 50}}).MustData(t, &res)
	if m := me(t, d); *m.Me.Gender != "MALE" || *m.Me.AgeBand != 50 || m.Me.Preference.Regions[0] != "강원" {
		t.Fatalf("after gender and age: %+v", m.Me)
	}
}
