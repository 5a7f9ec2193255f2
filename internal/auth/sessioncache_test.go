package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/claco/claco/internal/apitest"
)

// A signed-in request costs no session query while its session was checked
// moments ago; a logout or withdrawal through this server still takes
// effect at once, and one made elsewhere (straight in the database) within
// the cache's TTL.
func TestSessionChecksAreCachedButRevocationsHold(t *testing.T) {
	clock := apitest.NewClock()
	api := apitest.New(t, apitest.WithDevLogin(), apitest.WithClock(clock))
	d := api.NewDevice("phone")
	d.DevLogin("cache@example.com", "")
	d.Onboard("캐시")
	me := `{ me { id } }`
	d.Query(me, nil).MustData(t, new(any))
	if n := api.Statements(func() { d.Query(`{ __typename }`, nil).MustData(t, new(any)) }); n != 0 {
		t.Errorf("a signed-in __typename cost %d statements, want 0 (session cached)", n)
	}

	// Revoked elsewhere: raw SQL, as another instance would.
	if _, err := api.DB.SQL.ExecContext(context.Background(), `UPDATE refresh_tokens SET revoked_at = updated_at`); err != nil {
		t.Fatal(err)
	}
	d.Query(me, nil).MustData(t, new(any)) // still believed within the TTL
	clock.Advance(6 * time.Second)
	d.Query(me, nil).MustFail(t, "UNAUTHENTICATED", "")

	// Revoked through this server: at once.
	d2 := api.NewDevice("laptop")
	d2.DevLogin("cache2@example.com", "")
	d2.Query(me, nil).MustData(t, new(any))
	d2.Query(`mutation { logout }`, nil).MustData(t, new(any))
	d2.Query(me, nil).MustFail(t, "UNAUTHENTICATED", "")
}
