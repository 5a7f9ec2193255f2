package llm_test

import (
	"fmt"
	"time"

	"github.com/claco/claco/internal/enrich/llm"
	"github.com/claco/claco/internal/keywordscore"
)

func ExampleComposeSummary() {
	f := llm.Facts{
		Title: "모차르트: 레퀴엠",
		Venue: "예술의전당 [서울] (콘서트홀)",
		Genre: "CLASSICAL",
		Start: time.Date(2025, 10, 23, 0, 0, 0, 0, time.UTC),
		End:   time.Date(2025, 10, 23, 0, 0, 0, 0, time.UTC),
	}
	scores := keywordscore.Scores{0.9, 0, 0.8, 0, 0.3, 0, 0, 1.0, 0.6, 0}
	fmt.Println(llm.ComposeSummary(f, scores))
	// Output:
	// 10월 23일 예술의전당 콘서트홀에서 열리는 클래식 공연 「모차르트: 레퀴엠」에서 비극적인 드라마와 웅장한 스케일을 만나 보세요.
}
