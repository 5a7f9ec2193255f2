package seed

// The vocabulary of the synthetic catalogue. The repertoire, ensemble names,
// event words, venues, cast names, runtimes, age limits and price tables are
// those of the demo catalogue (internal/demo/kopis) and of the real KOPIS
// records in internal/keywordscore/testdata/kopis-real, widened with more of
// the same kind so that 20,000 concerts do not repeat too often. Keyword keys,
// regions, areas, genres, tags, places, book colours and age bands come from
// internal/reference at run time.

// work is a piece or programme a concert is named after, with the keyword a
// listener would hear first in it (primary) and, when there is one, the
// next (secondary). Keys are reference keyword keys.
type work struct {
	name      string
	primary   string
	secondary string
}

// classicalWorks are programmes of concerts of genre CLASSICAL.
var classicalWorks = []work{
	{"말러 교향곡 제2번 '부활'", "grand", "tragic"},
	{"바그너 오페라 하이라이트", "grand", "romantic"},
	{"베토벤 교향곡 제9번 '합창'", "grand", "classical"},
	{"쇼스타코비치 교향곡 제5번", "grand", "dynamic"},
	{"브루크너 교향곡 제7번", "grand", "lyrical"},
	{"홀스트 행성", "grand", "familiar"},
	{"베를리오즈 환상교향곡", "grand", "romantic"},
	{"슈트라우스 알프스 교향곡", "grand", ""},
	{"드뷔시 전주곡집", "delicate", "lyrical"},
	{"바흐 무반주 첼로 모음곡", "delicate", "classical"},
	{"슈베르트 피아노 소나타", "delicate", "lyrical"},
	{"하이든 현악사중주", "delicate", "classical"},
	{"모차르트 바이올린 소나타", "delicate", "classical"},
	{"라벨 현악사중주", "delicate", ""},
	{"바흐 골드베르크 변주곡", "delicate", "classical"},
	{"모차르트 교향곡 제41번 '주피터'", "classical", "grand"},
	{"베토벤 피아노 협주곡 제5번 '황제'", "classical", "grand"},
	{"하이든 교향곡 제94번 '놀람'", "classical", "familiar"},
	{"바흐 브란덴부르크 협주곡", "classical", "dynamic"},
	{"헨델 메시아", "classical", "grand"},
	{"멘델스존 교향곡 제3번 '스코틀랜드'", "classical", "lyrical"},
	{"진은숙 신작 아시아 초연", "modern", "novel"},
	{"현대음악 앙상블 신작", "modern", "novel"},
	{"윤이상 첼로 협주곡", "modern", "tragic"},
	{"라이히 드러밍", "modern", "dynamic"},
	{"패르트 타불라 라사", "modern", "delicate"},
	{"리게티 피아노 연습곡", "modern", "novel"},
	{"가곡의 밤", "lyrical", "romantic"},
	{"엘가 첼로 협주곡", "lyrical", "tragic"},
	{"포레 레퀴엠", "lyrical", "delicate"},
	{"드보르자크 첼로 협주곡", "lyrical", "romantic"},
	{"브람스 가곡과 자장가", "lyrical", "familiar"},
	{"그리그 페르 귄트 모음곡", "lyrical", "familiar"},
	{"라벨 볼레로", "dynamic", "familiar"},
	{"스트라빈스키 봄의 제전", "dynamic", "modern"},
	{"차르다시와 헝가리 무곡", "dynamic", "familiar"},
	{"하차투리안 칼의 춤", "dynamic", ""},
	{"프로코피예프 피아노 협주곡 제3번", "dynamic", "modern"},
	{"로시니 서곡 모음", "dynamic", "classical"},
	{"라흐마니노프 피아노 협주곡 제2번", "romantic", "grand"},
	{"쇼팽 피아노 협주곡 제1번", "romantic", "lyrical"},
	{"슈만 시인의 사랑", "romantic", "lyrical"},
	{"차이콥스키 바이올린 협주곡", "romantic", "dynamic"},
	{"브람스 교향곡 제1번", "romantic", "grand"},
	{"리스트 사랑의 꿈", "romantic", "familiar"},
	{"모차르트 레퀴엠", "tragic", "classical"},
	{"베르디 레퀴엠", "tragic", "grand"},
	{"차이콥스키 교향곡 제6번 '비창'", "tragic", "romantic"},
	{"말러 교향곡 제6번 '비극적'", "tragic", "grand"},
	{"쇼스타코비치 현악사중주 제8번", "tragic", "modern"},
	{"바버 현을 위한 아다지오", "tragic", "lyrical"},
	{"비발디 사계", "familiar", "classical"},
	{"신년음악회 왈츠와 폴카", "familiar", "dynamic"},
	{"영화음악 콘서트", "familiar", "romantic"},
	{"지브리 OST 오케스트라", "familiar", "lyrical"},
	{"디즈니 영화음악", "familiar", "romantic"},
	{"파헬벨 캐논과 바로크 명곡", "familiar", "classical"},
	{"알캉 피아노 작품집", "novel", "dynamic"},
	{"힌데미트 비올라 소나타", "novel", "modern"},
	{"메시앙 시간의 종말을 위한 사중주", "novel", "tragic"},
	{"잊혀진 바로크 칸타타", "novel", "classical"},
	{"코른골트 바이올린 협주곡", "novel", "romantic"},
}

// danceWorks are programmes of concerts of genre DANCE.
var danceWorks = []work{
	{"백조의 호수", "lyrical", "tragic"},
	{"라 실피드", "lyrical", "delicate"},
	{"돈키호테", "dynamic", "familiar"},
	{"해적", "dynamic", "grand"},
	{"지젤", "tragic", "romantic"},
	{"로미오와 줄리엣", "romantic", "tragic"},
	{"호두까기 인형", "familiar", "lyrical"},
	{"잠자는 숲속의 미녀", "familiar", "romantic"},
	{"컨템포러리 댄스 신작", "modern", "novel"},
	{"창작 무용 초연", "modern", "novel"},
	{"스파르타쿠스", "grand", "dynamic"},
	{"한국무용 독무 산조", "delicate", "classical"},
	{"라 바야데르", "classical", "grand"},
	{"코펠리아", "classical", "familiar"},
	{"트리플 빌", "novel", "modern"},
	{"카르멘", "romantic", "dynamic"},
}

// ensembleNames are the invented names the demo catalogue gives ensembles.
var ensembleNames = []string{
	"새봄", "라온", "하람", "다솜", "한빛", "누리", "아름", "온새미", "가온", "미리내",
	"은빛", "해오름", "나래", "별하", "소리울", "빛가람", "한결", "그린나래", "예담", "초롱",
}

// orchestraKinds are classical ensembles (the title's second word).
var orchestraKinds = []string{
	"필하모닉 오케스트라", "심포니 오케스트라", "챔버 오케스트라", "챔버 앙상블", "합창단",
	"현악사중주단", "콰르텟", "바로크 앙상블", "피아노 트리오", "윈드 앙상블",
}

// danceKinds are dance companies.
var danceKinds = []string{"무용단", "발레단", "현대무용단", "댄스 컴퍼니", "발레 시어터"}

// classicalEvents and danceEvents are what kind of evening it is.
var (
	classicalEvents = []string{"정기연주회", "송년음악회", "신년음악회", "기획공연", "시즌 오프닝", "특별공연", "마티네 콘서트", "초청 공연", "여름 페스티벌", "앙코르 공연"}
	danceEvents     = []string{"정기공연", "기획공연", "특별공연", "갈라", "시즌 오프닝"}
)

// instruments of recitals ("{name} {instrument} 리사이틀").
var instruments = []string{"피아노", "바이올린", "첼로", "비올라", "플루트", "클라리넷", "클래식 기타", "소프라노", "바리톤", "하프"}

// Cast names: a surname and a given name.
var (
	surnames   = []string{"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"}
	givenNames = []string{"서연", "지호", "도윤", "하은", "예준", "민준", "서윤", "지우", "주원", "하린", "시우", "채원", "유준", "다은", "소율", "지안", "현우", "은서", "태윤", "수아", "건우", "예린", "정민", "하준", "서진"}
)

// area is a KOPIS area name, how often concerts are there, and its venues
// (fcltynm: facility and hall).
type area struct {
	name   string
	weight float64
	venues []string
}

// areas holds every KOPIS area name of reference-data.json's regions,
// including the old spellings KOPIS still sends for some records.
var areas = []area{
	{"서울특별시", 42, []string{
		"예술의전당 [서울] (콘서트홀)", "예술의전당 [서울] (IBK챔버홀)", "예술의전당 [서울] (리사이틀홀)", "예술의전당 [서울] (오페라극장)",
		"롯데콘서트홀 (롯데콘서트홀)", "세종문화회관 (세종대극장)", "세종문화회관 (세종체임버홀)", "세종문화회관 (세종M씨어터)",
		"금호아트홀 연세 (금호아트홀 연세)", "마포아트센터 (아트홀 맥)", "국립극장 (해오름극장)", "LG아트센터 서울 (LG SIGNATURE 홀)",
		"일신홀 (일신홀)", "영산아트홀 (영산아트홀)", "온쉼표 (온쉼표)",
	}},
	{"경기도", 14, []string{"고양아람누리 (아람음악당)", "고양아람누리 (아람극장)", "경기아트센터 (대극장)", "부천아트센터 (콘서트홀)", "성남아트센터 (콘서트홀)", "안산문화예술의전당 (해돋이극장)"}},
	{"인천광역시", 5, []string{"아트센터인천 (콘서트홀)", "인천문화예술회관 (대공연장)", "부평아트센터 (해누리극장)"}},
	{"강원특별자치도", 2.5, []string{"춘천문화예술회관 (대공연장)", "강릉아트센터 (사임당홀)", "원주 백운아트홀 (백운아트홀)"}},
	{"강원도", 0.5, []string{"춘천문화예술회관 (대공연장)", "강릉아트센터 (사임당홀)"}},
	{"충청북도", 2, []string{"청주예술의전당 (대공연장)", "충북문화관 (공연장)"}},
	{"충청남도", 2, []string{"천안예술의전당 (대공연장)", "공주문예회관 (대공연장)"}},
	{"대전광역시", 4, []string{"대전예술의전당 (아트홀)", "대전예술의전당 (앙상블홀)"}},
	{"세종특별자치시", 1, []string{"세종예술의전당 (대극장)"}},
	{"전북특별자치도", 2.5, []string{"전북특별자치도립국악원 (공연장)", "한국소리문화의전당 (모악당)"}},
	{"전라북도", 0.5, []string{"한국소리문화의전당 (모악당)"}},
	{"전라남도", 2, []string{"여수 GS칼텍스 예울마루 (대극장)", "목포문화예술회관 (대공연장)"}},
	{"광주광역시", 4, []string{"광주예술의전당 (대극장)", "광주예술의전당 (소극장)", "빛고을시민문화관 (공연장)"}},
	{"경상북도", 1.5, []string{"구미문화예술회관 (대공연장)", "포항문화예술회관 (대공연장)"}},
	{"경상남도", 3, []string{"통영국제음악당 (콘서트홀)", "성산아트홀 (대극장)", "김해문화의전당 (마루홀)"}},
	{"부산광역시", 7, []string{"부산문화회관 (대극장)", "부산문화회관 (중극장)", "부산콘서트홀 (콘서트홀)", "영화의전당 (하늘연극장)"}},
	{"대구광역시", 5, []string{"대구콘서트하우스 (그랜드홀)", "대구콘서트하우스 (챔버홀)", "대구오페라하우스 (대극장)"}},
	{"울산광역시", 1.5, []string{"울산문화예술회관 (대공연장)"}},
	{"제주특별자치도", 2, []string{"제주아트센터 (제주아트센터)", "서귀포예술의전당 (대극장)"}},
}

// KOPIS text fields, as the demo records have them.
var (
	runtimes   = []string{"100분", "2시간", "2시간 10분", "1시간 40분", "1시간 30분", "90분", "80분", "1시간 20분", "2시간 30분"}
	ageLimits  = []string{"만 7세 이상", "만 12세 이상", "전체 관람가", "만 8세 이상", "초등학생 이상 관람가"}
	days       = []string{"월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"}
	showTimes  = []string{"19:30", "20:00", "17:00", "15:00", "14:00", "11:00"}
	producers  = []string{"(재)예술의전당", "세종문화회관", "(주)빈체로", "(주)마스트미디어", "크레디아", "(재)롯데문화재단", "국립심포니오케스트라", "(주)인아츠프로덕션"}
	bookingURL = []struct{ name, url string }{
		{"놀유니버스", "http://ticket.interpark.com/Ticket/Goods/GoodsInfo.asp?GoodsCode="},
		{"예스24", "http://ticket.yes24.com/Perf/"},
		{"멜론티켓", "https://ticket.melon.com/performance/index.htm?prodId="},
	}
)

// priceTables are seat price lists (won) KOPIS records carry; the generator
// scales them and sometimes uses one price for every seat (전석).
var priceTables = [][]int{
	{250000, 180000, 130000},
	{150000, 110000, 80000},
	{120000, 90000, 60000, 40000},
	{100000, 70000, 50000},
	{80000, 60000},
	{60000, 40000},
	{50000, 30000},
}

// Seat class names by price rank.
var seatClasses = []string{"VIP석", "R석", "S석", "A석", "B석"}

// Nickname parts: an adjective and a noun, then a number.
var (
	nickAdjectives = []string{"푸른", "작은", "고요한", "밝은", "느린", "포근한", "맑은", "빛나는", "따뜻한", "조용한", "새벽", "노을", "봄날", "겨울"}
	nickNouns      = []string{"첼로", "음표", "선율", "화음", "건반", "현", "박자", "악장", "객석", "무대", "발레", "오보에", "호른", "합창"}
)

// Additional book titles (1–14 characters); the first book of a member
// has the default title "{nickname}님의 이야기".
var bookTitles = []string{"올해의 공연", "클래식 모음", "발레 기록", "오케스트라", "최애 공연", "여름 페스티벌", "리사이틀 노트", "다시 보고 싶은 무대"}

// Review text: an opening about the programme, a remark about the
// performance, one about the venue, and a closing; each review takes a few.
var (
	reviewOpenings = []string{
		"%s 실황은 처음이었는데 기대 이상이었다.",
		"오래 기다린 %s 공연.",
		"%s, 음반으로만 듣던 곡을 드디어 직접 들었다.",
		"친구 추천으로 간 %s 공연.",
		"%s 프로그램이 좋아서 예매했다.",
	}
	reviewBodies = []string{
		"1악장부터 집중해서 들었고 마지막 악장에서는 숨을 죽였다.",
		"솔리스트의 음색이 따뜻하고 섬세했다.",
		"앙상블이 조금 흔들리는 순간도 있었지만 전체적으로 훌륭했다.",
		"템포가 생각보다 빨라서 새롭게 들렸다.",
		"무용수들의 움직임이 음악과 딱 맞아떨어졌다.",
		"커튼콜에서 앙코르를 두 곡이나 해 주었다.",
		"현악 파트의 소리가 특히 풍성했다.",
		"조명과 무대 연출이 인상적이었다.",
		"지휘자의 해석이 독특해서 호불호가 갈릴 것 같다.",
	}
	reviewVenue = []string{
		"홀 음향이 좋아서 작은 소리까지 잘 들렸다.",
		"좌석이 조금 좁았지만 시야는 괜찮았다.",
		"주차가 불편해서 대중교통을 추천한다.",
		"2층 앞줄이라 무대 전체가 한눈에 보였다.",
	}
	reviewClosings = []string{
		"다음 시즌도 꼭 보러 갈 예정.",
		"다시 보고 싶은 공연.",
		"기록으로 남겨 둔다.",
		"함께 간 사람도 만족했다.",
		"",
	}
)
