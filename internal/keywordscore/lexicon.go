package keywordscore

// Keyword indexes in Keys order, for writing the lexicon.
const (
	grand = iota
	delicate
	classical
	modern
	lyrical
	dynamic
	romantic
	tragic
	familiar
	novel
)

// entry is a word or phrase and the keywords it suggests, with weights.
// Weights follow a scale: about 2 for a specific work whose character is
// well known (비창, 볼레로), about 1 for a composer's usual character or a
// descriptive word, about 0.5 for a form or an ensemble type, which hints at
// size and style but not at mood. Secondary keywords of an entry are lower.
type entry struct {
	term    string
	weights map[int]float64
}

type w = map[int]float64

var lexicon = buildLexicon(entries)

// entries is the lexicon. Spaces and punctuation do not matter (see normalize).
var entries = []entry{
	// Specific works.
	{"사계", w{familiar: 1.5, lyrical: 0.3}},
	{"합창", w{grand: 0.8, familiar: 0.4}},
	{"운명", w{grand: 0.8, dynamic: 0.5, familiar: 0.5}},
	{"부활", w{grand: 0.6}},
	{"비창", w{tragic: 2.5}},
	{"포레 레퀴엠", w{lyrical: 2.0, delicate: 0.5}},
	{"포레의 레퀴엠", w{lyrical: 2.0, delicate: 0.5}},
	{"모차르트 레퀴엠", w{tragic: 2.0, grand: 0.5}},
	{"베르디 레퀴엠", w{tragic: 2.0, grand: 0.8}},
	{"독일 레퀴엠", w{lyrical: 1.0, grand: 0.5, tragic: 0.5}},
	{"메시아", w{grand: 1.5, familiar: 0.5}},
	{"천지창조", w{grand: 1.5, classical: 0.5}},
	{"카르미나 부라나", w{grand: 1.5, dynamic: 0.8, familiar: 0.5}},
	{"볼레로", w{dynamic: 2.0, familiar: 0.5}},
	{"봄의 제전", w{dynamic: 2.0, modern: 0.5}},
	{"불새", w{dynamic: 1.0, modern: 0.4}},
	{"헝가리 무곡", w{dynamic: 1.5, familiar: 0.5}},
	{"차르다시", w{dynamic: 1.5, familiar: 0.3}},
	{"시인의 사랑", w{romantic: 1.5, lyrical: 0.8}},
	{"겨울 나그네", w{lyrical: 1.0, tragic: 1.0}},
	{"아리랑", w{familiar: 1.0, lyrical: 0.5}},
	{"백조의 호수", w{lyrical: 2.0, familiar: 0.5, romantic: 0.3}},
	{"호두까기 인형", w{familiar: 2.0, lyrical: 0.5}},
	{"잠자는 숲속의 미녀", w{lyrical: 1.0, romantic: 1.0, familiar: 0.5}},
	{"지젤", w{tragic: 2.0, lyrical: 0.5, romantic: 0.3}},
	{"돈키호테", w{dynamic: 2.0, familiar: 0.3}},
	{"로미오와 줄리엣", w{tragic: 1.5, romantic: 1.0}},
	{"카르멘", w{dynamic: 1.0, tragic: 0.8, romantic: 0.6}},
	{"라 바야데르", w{tragic: 1.0, grand: 0.8}},
	{"라 트라비아타", w{tragic: 1.5, romantic: 1.0}},
	{"라 보엠", w{tragic: 1.2, romantic: 1.0}},
	{"나비부인", w{tragic: 1.5, romantic: 0.5}},
	{"마술피리", w{familiar: 1.0, classical: 0.8}},
	{"피가로의 결혼", w{familiar: 1.0, classical: 0.8, romantic: 0.5}},
	{"춘향", w{romantic: 1.5, classical: 0.5}},
	{"심청", w{tragic: 1.0, lyrical: 0.5}},

	// Composers: their usual character.
	{"바흐", w{classical: 0.8, delicate: 0.3}},
	{"비발디", w{familiar: 0.6, classical: 0.5, dynamic: 0.3}},
	{"헨델", w{grand: 0.6, classical: 0.6}},
	{"하이든", w{classical: 0.8, delicate: 0.4}},
	{"모차르트", w{classical: 1.0, familiar: 0.4, delicate: 0.2}},
	{"베토벤", w{grand: 0.6, classical: 0.6, dynamic: 0.3}},
	{"슈베르트", w{lyrical: 0.8, romantic: 0.3}},
	{"슈만", w{romantic: 1.0, lyrical: 0.4}},
	{"멘델스존", w{romantic: 0.6, lyrical: 0.5}},
	{"쇼팽", w{romantic: 1.0, lyrical: 0.4, delicate: 0.3}},
	{"리스트", w{dynamic: 0.8, romantic: 0.4}},
	{"플레이리스트", w{familiar: 0.6}}, // claims the "리스트" of a playlist
	{"브람스", w{romantic: 0.6, classical: 0.4, lyrical: 0.3}},
	{"차이콥스키", w{romantic: 1.0, lyrical: 0.3}},
	{"차이코프스키", w{romantic: 1.0, lyrical: 0.3}},
	{"라흐마니노프", w{romantic: 1.0, grand: 0.3, lyrical: 0.3}},
	{"드보르작", w{lyrical: 0.5, familiar: 0.5, romantic: 0.3}},
	{"드보르자크", w{lyrical: 0.5, familiar: 0.5, romantic: 0.3}},
	{"바그너", w{grand: 1.5, romantic: 0.4}},
	{"베르디", w{grand: 0.8, tragic: 0.5}},
	{"푸치니", w{romantic: 0.8, tragic: 0.6}},
	{"말러", w{grand: 1.0, tragic: 0.4}},
	{"브루크너", w{grand: 1.0, classical: 0.3}},
	{"시벨리우스", w{grand: 0.5, lyrical: 0.4}},
	{"엘가", w{lyrical: 0.8, romantic: 0.3, grand: 0.3}},
	{"드뷔시", w{delicate: 1.0, modern: 0.3, lyrical: 0.3}},
	{"라벨", w{delicate: 0.4, modern: 0.3}},
	{"포레", w{lyrical: 1.0, delicate: 0.4}},
	{"사티", w{delicate: 0.6, modern: 0.4, novel: 0.3}},
	{"생상스", w{familiar: 0.4, romantic: 0.4}},
	{"비제", w{familiar: 0.6, dynamic: 0.4}},
	{"로시니", w{familiar: 0.5, dynamic: 0.5}},
	{"슈트라우스", w{familiar: 0.6, dynamic: 0.3}},
	{"스트라빈스키", w{modern: 0.8, dynamic: 0.5}},
	{"쇼스타코비치", w{grand: 0.6, modern: 0.5, tragic: 0.3}},
	{"프로코피예프", w{dynamic: 0.6, modern: 0.5}},
	{"바르톡", w{modern: 0.6, dynamic: 0.5}},
	{"버르토크", w{modern: 0.6, dynamic: 0.5}},
	{"거슈윈", w{familiar: 0.6, modern: 0.4, dynamic: 0.3}},
	{"피아졸라", w{dynamic: 0.6, romantic: 0.4, modern: 0.3}},
	{"패르트", w{delicate: 0.6, modern: 0.6}},
	{"윤이상", w{modern: 1.0, novel: 0.4}},
	{"진은숙", w{modern: 1.5, novel: 0.5}},
	{"히사이시 조", w{familiar: 1.5, lyrical: 0.3}},

	// Forms and programmes.
	{"교향곡", w{grand: 0.6}},
	{"협주곡", w{grand: 0.3}},
	{"피아노 협주곡", w{romantic: 0.5, grand: 0.3}},
	{"바이올린 협주곡", w{romantic: 0.5, lyrical: 0.3}},
	{"첼로 협주곡", w{lyrical: 0.8, tragic: 0.2}},
	{"소나타", w{classical: 0.5, delicate: 0.3}},
	{"피아노 소나타", w{delicate: 1.5, classical: 0.3}},
	{"무반주", w{delicate: 1.5}},
	{"모음곡", w{classical: 0.3}},
	{"첼로 모음곡", w{delicate: 0.5, lyrical: 0.3}},
	{"전주곡", w{delicate: 0.5}},
	{"녹턴", w{lyrical: 1.0, delicate: 0.5}},
	{"야상곡", w{lyrical: 1.0, delicate: 0.5}},
	{"세레나데", w{lyrical: 1.0, romantic: 0.5}},
	{"가곡", w{lyrical: 1.5, romantic: 0.3}},
	{"레퀴엠", w{tragic: 0.8, grand: 0.3}},
	{"오페라", w{grand: 0.6, romantic: 0.3}},
	{"오페레타", w{familiar: 0.6, romantic: 0.4}},
	{"갈라", w{familiar: 0.5, grand: 0.5}},
	{"하이라이트", w{familiar: 0.5}},
	{"왈츠", w{familiar: 0.6, romantic: 0.4}},
	{"폴카", w{dynamic: 0.5, familiar: 0.5}},
	{"무곡", w{dynamic: 0.8}},
	{"탱고", w{dynamic: 1.0, romantic: 0.5}},
	{"재즈", w{modern: 0.6, dynamic: 0.5}},
	{"크로스오버", w{modern: 0.8, familiar: 0.4}},
	{"신년음악회", w{familiar: 1.0}},
	{"송년음악회", w{familiar: 0.5}},
	{"영화음악", w{familiar: 2.0, modern: 0.2}},
	{"OST", w{familiar: 1.0}},
	{"지브리", w{familiar: 1.5, lyrical: 0.3}},
	{"디즈니", w{familiar: 1.5}},
	{"게임음악", w{familiar: 1.0, modern: 0.3}},
	{"크리스마스", w{familiar: 1.0, romantic: 0.3}},
	{"캐럴", w{familiar: 1.0}},
	{"명곡", w{familiar: 0.8}},
	{"현대음악", w{modern: 1.5, novel: 0.3}},
	{"신작", w{modern: 0.8, novel: 0.5}},
	{"초연", w{novel: 0.6, modern: 0.5}},
	{"창작", w{modern: 1.0, novel: 0.5}},
	{"창작 무용", w{modern: 1.5, novel: 0.5}},
	{"실험", w{modern: 0.8, novel: 0.8}},
	{"미디어아트", w{modern: 1.0, novel: 0.5}},
	{"희귀", w{novel: 1.0}},
	{"바로크", w{classical: 0.8, delicate: 0.3}},
	{"고음악", w{classical: 0.8, delicate: 0.3}},

	// Dance.
	{"발레", w{classical: 0.3, lyrical: 0.3}},
	{"발레단", w{classical: 0.2, lyrical: 0.2}},
	{"무용", w{dynamic: 0.3}},
	{"무용단", w{dynamic: 0.3}},
	{"현대무용", w{modern: 1.5, dynamic: 0.5}},
	{"컨템포러리", w{modern: 1.5, novel: 0.3}},
	{"댄스", w{dynamic: 0.6}},
	{"한국무용", w{classical: 0.8, lyrical: 0.5}},
	{"전통무용", w{classical: 0.8, lyrical: 0.5}},
	{"살풀이", w{lyrical: 0.8, tragic: 0.5}},

	// Ensembles and venues of a size.
	{"오케스트라", w{grand: 0.5}},
	{"필하모닉", w{grand: 0.5}},
	{"심포니", w{grand: 0.5}},
	{"관현악", w{grand: 0.5}},
	{"합창단", w{grand: 0.4, lyrical: 0.3}},
	{"실내악", w{delicate: 0.8}},
	{"챔버", w{delicate: 0.6}},
	{"앙상블", w{delicate: 0.4}},
	{"현악사중주", w{delicate: 1.2, classical: 0.2}},
	{"현악 4중주", w{delicate: 1.2, classical: 0.2}},
	{"콰르텟", w{delicate: 0.6}},
	{"트리오", w{delicate: 0.6}},
	{"듀오", w{delicate: 0.6}},
	{"리사이틀", w{delicate: 0.6}},
	{"독주회", w{delicate: 0.6}},

	// Descriptive words, as the keywords' own names and their neighbours.
	{"웅장", w{grand: 1.0}},
	{"장엄", w{grand: 1.0}},
	{"섬세", w{delicate: 1.0}},
	{"고전", w{classical: 1.0}},
	{"현대", w{modern: 0.8}},
	{"서정", w{lyrical: 1.0}},
	{"역동", w{dynamic: 1.0}},
	{"열정", w{dynamic: 0.8, romantic: 0.3}},
	{"낭만", w{romantic: 1.0}},
	{"사랑", w{romantic: 1.0}},
	{"로맨스", w{romantic: 1.0}},
	{"로망스", w{romantic: 1.0}},
	{"비극", w{tragic: 1.0}},
	{"슬픔", w{tragic: 0.8}},
	{"추모", w{tragic: 1.0}},
	{"애도", w{tragic: 1.0}},
	{"익숙", w{familiar: 1.0}},
	{"친숙", w{familiar: 1.0}},
	{"새로운", w{novel: 1.0}},
	{"새로움", w{novel: 1.0}},
	{"낯선", w{novel: 0.8}},
}
