package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/claco/claco/internal/apitest"
)

// With the database gone, a signed-in request still gets a GraphQL answer:
// what needs the database fails with a contract code, the rest is served.
func TestDatabaseOutageAnswersGraphQLErrors(t *testing.T) {
	api := apitest.New(t, apitest.WithDevLogin())
	d := api.NewDevice("phone")
	d.DevLogin("outage@example.com", "")
	if err := api.DB.Close(); err != nil {
		t.Fatal(err)
	}
	res := d.Query(`{ keywords { key } me { id } }`, nil)
	if res.Status != http.StatusOK {
		t.Fatalf("status %d", res.Status)
	}
	e := res.MustFail(t, "INTERNAL", "")
	if e.Message != "the sign-in could not be checked; try again" {
		t.Fatalf("message %q", e.Message)
	}
	var data struct{ Keywords []struct{ Key string } }
	if err := jsonUnmarshal(res.Data, &data); err != nil || len(data.Keywords) != 10 {
		t.Fatalf("reference data with the database down: %s", res.Data)
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
