package seed

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claco/claco/ent/concert"
	"github.com/claco/claco/ent/member"
	"github.com/claco/claco/internal/concertinfo"
	"github.com/claco/claco/internal/reference"
)

// generator plans every row in memory before anything is written, from one
// random stream per kind of row, so that changing one size does not change
// the rows of the kinds planned before it.
type generator struct {
	cfg   Config
	ref   *reference.Set
	today time.Time // midnight UTC of the day in Korea
	now   time.Time // 10:00 in Korea on today: the latest instant a row may carry

	// pairs[p] are the two keyword positions of pair p, in vector order.
	pairs    [][2]int
	position map[string]int // keyword key -> position

	concerts  []*concertPlan
	scoreRows int
	// byKeyword[k] samples concerts whose strongest keyword is k, by
	// popularity; started[k] only those that began by today.
	global, globalStarted sampler
	byKeyword, started    []sampler

	members  []*memberPlan
	activity sampler // members by how active they are

	likes   []likePlan
	books   []*bookPlan
	reviews []*reviewPlan
}

type concertPlan struct {
	kopisID    string
	genre      concert.Genre
	work       work
	title      string
	area       string
	venue      string
	start, end time.Time
	state      string
	scores     [reference.KeywordCount]float64
	evidence   [reference.KeywordCount][]string
	top        int // position of the strongest keyword
	cast       []string
	crew       string
	prices     []concertinfo.SeatPrice
	guidance   string
	minPrice   *int
	maxPrice   *int
	free       bool
	runtime    string
	minutes    *int
	age        string
	schedule   string
	producer   string
	links      []concertinfo.BookingLink
	posterURL  string
	images     []string
	created    time.Time
	popularity float64
	quality    float64 // how good its venue is, for place impressions
	id         int     // set once written
}

type memberPlan struct {
	nickname   string
	email      string
	gender     member.Gender
	ageBand    int
	created    time.Time
	keywords   []int // positions, one per pair
	regions    []string
	types      []string
	minPrice   int
	maxPrice   int
	liked      []int // concert indexes
	id         int
	reviewsFor map[int]bool
}

type likePlan struct {
	member, concert int // indexes
	at              time.Time
}

type bookPlan struct {
	member  int
	title   string
	color   string
	created time.Time
	tickets int
	id      int
}

type reviewPlan struct {
	member, concert, book int // indexes
	watch                 time.Time
	round                 string
	seat                  *string
	rating                float64
	castings              []string
	content               string
	tags                  []int // tag category positions
	places                []int // place category positions
	created               time.Time
}

// Streams of the random source, one per kind of row.
const (
	streamConcerts = iota + 1
	streamPopularity
	streamMembers
	streamLikes
	streamReviews
)

func newGenerator(cfg Config, ref *reference.Set) *generator {
	g := &generator{
		cfg:      cfg,
		ref:      ref,
		today:    cfg.Today,
		now:      cfg.Today.Add(time.Hour), // 10:00 KST
		position: map[string]int{},
	}
	pairOf := map[int][]int{}
	var pairIDs []int
	for i, k := range reference.Static.Keywords.List {
		g.position[k.Key] = i
		if _, ok := pairOf[k.Pair]; !ok {
			pairIDs = append(pairIDs, k.Pair)
		}
		pairOf[k.Pair] = append(pairOf[k.Pair], i)
	}
	for _, p := range pairIDs {
		g.pairs = append(g.pairs, [2]int{pairOf[p][0], pairOf[p][1]})
	}
	return g
}

func (g *generator) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.cfg.Seed, stream))
}

// ---------------------------------------------------------------------------
// Concerts

func (g *generator) planConcerts() {
	r := g.rng(streamConcerts)
	areaWeights := make([]float64, len(areas))
	for i, a := range areas {
		areaWeights[i] = a.weight
	}
	areaPick := newSampler(areaWeights)
	g.concerts = make([]*concertPlan, g.cfg.Concerts)
	for i := range g.concerts {
		c := &concertPlan{kopisID: fmt.Sprintf("PFS%07d", i+1)}
		g.concerts[i] = c
		if r.Float64() < 0.7 {
			c.genre = concert.GenreCLASSICAL
			c.work = classicalWorks[r.IntN(len(classicalWorks))]
		} else {
			c.genre = concert.GenreDANCE
			c.work = danceWorks[r.IntN(len(danceWorks))]
		}
		a := areas[areaPick.pick(r)]
		c.area = a.name
		c.venue = a.venues[r.IntN(len(a.venues))]
		c.quality = 0.45 + 0.5*unitHash(c.venue)
		c.cast = castOf(r, 1+r.IntN(4))
		c.title = g.titleOf(r, c)

		// Runs: most a single evening, some a few days, few weeks or months.
		c.start = g.today.AddDate(0, 0, r.IntN(600)-250)
		length := 0
		switch x := r.Float64(); {
		case x < 0.55:
		case x < 0.80:
			length = 1 + r.IntN(3)
		case x < 0.95:
			length = 7 + r.IntN(24)
		default:
			length = 31 + r.IntN(90)
		}
		c.end = c.start.AddDate(0, 0, length)
		switch {
		case c.end.Before(g.today):
			c.state = "공연완료"
		case c.start.After(g.today):
			c.state = "공연예정"
		default:
			c.state = "공연중"
		}
		g.scoresOf(r, c)
		g.pricesOf(r, c)
		c.runtime = runtimes[r.IntN(len(runtimes))]
		c.minutes = minutesOf(c.runtime)
		c.age = ageLimits[r.IntN(len(ageLimits))]
		c.schedule = fmt.Sprintf("%s(%s)", days[r.IntN(len(days))], showTimes[r.IntN(len(showTimes))])
		if r.Float64() < 0.4 {
			c.schedule = fmt.Sprintf("%s ~ %s(%s), %s", days[r.IntN(3)], days[3+r.IntN(2)], showTimes[0], c.schedule)
		}
		c.producer = producers[r.IntN(len(producers))]
		if r.Float64() < 0.3 {
			c.crew = "지휘: " + castOf(r, 1)[0]
		}
		stamp := c.start.Format("060102")
		c.posterURL = fmt.Sprintf("http://www.kopis.or.kr/upload/pfmPoster/PF_%s_%s_000000.jpg", c.kopisID, stamp)
		for j := range r.IntN(4) {
			c.images = append(c.images, fmt.Sprintf("http://www.kopis.or.kr/upload/pfmIntroImage/PF_%s_%s_%d.jpg", c.kopisID, stamp, j))
		}
		if c.images == nil {
			c.images = []string{}
		}
		c.links = []concertinfo.BookingLink{}
		if !c.free {
			b := bookingURL[r.IntN(len(bookingURL))]
			c.links = append(c.links, concertinfo.BookingLink{Name: b.name, URL: b.url + strconv.Itoa(26000000+i)})
		}
		// Imported a few weeks to months before the run, never after now.
		c.created = minTime(c.start.AddDate(0, 0, -14-r.IntN(100)), g.now.Add(-time.Hour)).
			Add(time.Duration(r.IntN(86400)) * time.Second)
		if c.created.After(g.now) {
			c.created = g.now.Add(-time.Minute)
		}
	}

	// Popularity: a random rank, Zipf-like weight 1/(rank+20).
	p := g.rng(streamPopularity)
	for rank, i := range p.Perm(len(g.concerts)) {
		g.concerts[i].popularity = 1 / float64(rank+20)
	}
	g.byKeyword = make([]sampler, reference.KeywordCount)
	g.started = make([]sampler, reference.KeywordCount)
	all := make([]float64, len(g.concerts))
	started := make([]float64, len(g.concerts))
	for i, c := range g.concerts {
		all[i] = c.popularity
		if !c.start.After(g.today) {
			started[i] = c.popularity
		}
	}
	g.global, g.globalStarted = newSampler(all), newSampler(started)
	for k := range reference.KeywordCount {
		w, ws := make([]float64, len(g.concerts)), make([]float64, len(g.concerts))
		for i, c := range g.concerts {
			if c.top == k {
				w[i], ws[i] = all[i], started[i]
			}
		}
		g.byKeyword[k], g.started[k] = newSampler(w), newSampler(ws)
	}
}

// titleOf names a concert the way KOPIS records do.
func (g *generator) titleOf(r *rand.Rand, c *concertPlan) string {
	ens := ensembleNames[r.IntN(len(ensembleNames))]
	var t string
	if c.genre == concert.GenreDANCE {
		kind := danceKinds[r.IntN(len(danceKinds))]
		switch x := r.Float64(); {
		case x < 0.5:
			t = fmt.Sprintf("%s %s <%s>", ens, kind, c.work.name)
		case x < 0.8:
			t = fmt.Sprintf("%s %s %s <%s>", ens, kind, danceEvents[r.IntN(len(danceEvents))], c.work.name)
		default:
			t = fmt.Sprintf("%s%s, %s", ens, strings.ReplaceAll(kind, " ", ""), c.work.name)
		}
	} else {
		kind := orchestraKinds[r.IntN(len(orchestraKinds))]
		switch x := r.Float64(); {
		case x < 0.35:
			t = fmt.Sprintf("%s %s %s <%s>", ens, kind, classicalEvents[r.IntN(len(classicalEvents))], c.work.name)
		case x < 0.55:
			t = fmt.Sprintf("제%d회 %s %s 정기연주회: %s", 1+r.IntN(300), ens, kind, c.work.name)
		case x < 0.75:
			t = fmt.Sprintf("%s %s 리사이틀 <%s>", c.cast[0], instruments[r.IntN(len(instruments))], c.work.name)
		case x < 0.85:
			t = fmt.Sprintf("%s %s & %s: %s", ens, kind, c.cast[0], c.work.name)
		default:
			t = fmt.Sprintf("%s %s <%s>", ens, kind, c.work.name)
		}
	}
	if r.Float64() < 0.15 {
		t += " [" + regionLabel(c.area) + "]"
	}
	return t
}

// scoresOf gives the concert one keyword per pair, or none for some pairs:
// its work's keywords strongly, the others weakly, as the scorer would.
func (g *generator) scoresOf(r *rand.Rand, c *concertPlan) {
	primary, secondary := g.position[c.work.primary], -1
	if c.work.secondary != "" {
		secondary = g.position[c.work.secondary]
	}
	for _, pair := range g.pairs {
		switch {
		case pair[0] == primary || pair[1] == primary:
			c.scores[primary] = round2(0.7 + 0.3*r.Float64())
			c.evidence[primary] = []string{c.work.name}
		case secondary >= 0 && (pair[0] == secondary || pair[1] == secondary):
			c.scores[secondary] = round2(0.4 + 0.4*r.Float64())
			c.evidence[secondary] = []string{c.work.name}
		case r.Float64() < 0.75:
			k := pair[r.IntN(2)]
			c.scores[k] = round2(0.1 + 0.4*r.Float64())
			c.evidence[k] = []string{}
		}
	}
	c.top = primary
	for k, v := range c.scores {
		if v > 0 {
			g.scoreRows++
		}
		if v > c.scores[c.top] {
			c.top = k
		}
	}
}

// pricesOf sets the seat prices, their KOPIS text and the range.
func (g *generator) pricesOf(r *rand.Rand, c *concertPlan) {
	x := r.Float64()
	switch {
	case x < 0.12:
		c.free = true
		c.guidance = "전석 무료"
		c.prices = []concertinfo.SeatPrice{}
		c.minPrice, c.maxPrice = intPtr(0), intPtr(0)
		return
	case x < 0.40:
		p := []int{10000, 20000, 30000, 40000, 50000, 60000}[r.IntN(6)]
		c.prices = []concertinfo.SeatPrice{{Seat: "전석", Price: p}}
	default:
		table := priceTables[r.IntN(len(priceTables))]
		scale := []float64{0.6, 0.8, 1, 1, 1.2}[r.IntN(5)]
		first := 1 // R석
		if len(table) >= 3 && table[0] >= 150000 && r.Float64() < 0.5 {
			first = 0 // VIP석
		}
		for j, p := range table {
			c.prices = append(c.prices, concertinfo.SeatPrice{Seat: seatClasses[min(first+j, len(seatClasses)-1)], Price: int(math.Round(float64(p)*scale/1000)) * 1000})
		}
	}
	parts := make([]string, len(c.prices))
	lo, hi := c.prices[0].Price, c.prices[0].Price
	for j, s := range c.prices {
		parts[j] = fmt.Sprintf("%s %s원", s.Seat, thousands(s.Price))
		lo, hi = min(lo, s.Price), max(hi, s.Price)
	}
	c.guidance = strings.Join(parts, ", ")
	c.minPrice, c.maxPrice = intPtr(lo), intPtr(hi)
}

// ---------------------------------------------------------------------------
// Members

func (g *generator) planMembers() {
	r := g.rng(streamMembers)
	regionWeights := map[string]float64{}
	for _, a := range areas {
		regionWeights[regionLabel(a.name)] += a.weight
	}
	labels := make([]string, len(reference.Static.Regions.List))
	weights := make([]float64, len(labels))
	for i, reg := range reference.Static.Regions.List {
		labels[i], weights[i] = reg.Label, regionWeights[reg.Label]+1
	}
	regionPick := newSampler(weights)
	ageBands := reference.Static.AgeBands
	ageWeights := make([]float64, len(ageBands))
	for i, b := range ageBands {
		ageWeights[i] = map[int]float64{10: 3, 20: 30, 30: 30, 40: 20, 50: 11, 60: 6}[b] + 1
	}
	agePick := newSampler(ageWeights)
	taken := map[string]bool{}
	g.members = make([]*memberPlan, g.cfg.Members)
	activity := make([]float64, len(g.members))
	for i := range g.members {
		m := &memberPlan{
			email:   fmt.Sprintf("member%05d@seed.claco.test", i+1),
			ageBand: ageBands[agePick.pick(r)],
			created: g.now.Add(-time.Duration(1+r.IntN(700*24*60)) * time.Minute),
		}
		m.nickname = nickname(r, i, taken)
		m.gender = member.GenderFEMALE
		if r.Float64() < 0.4 {
			m.gender = member.GenderMALE
		}
		for p, pair := range g.pairs {
			side := r.IntN(2)
			if p == len(g.pairs)-1 && r.Float64() < 0.3 {
				side = 0 // familiar pieces are the more common taste
			}
			m.keywords = append(m.keywords, pair[side])
		}
		for len(m.regions) < 1+r.IntN(3) {
			if l := labels[regionPick.pick(r)]; !slices.Contains(m.regions, l) {
				m.regions = append(m.regions, l)
			}
		}
		switch x := r.Float64(); {
		case x < 0.55:
			m.types = []string{"MUSIC_FOCUSED"}
		case x < 0.70:
			m.types = []string{"PERFORMANCE"}
		default:
			m.types = []string{"MUSIC_FOCUSED", "PERFORMANCE"}
		}
		m.minPrice = []int{0, 0, 10000, 20000, 30000}[r.IntN(5)]
		m.maxPrice = []int{50000, 100000, 150000, 200000, 300000}[r.IntN(5)]
		activity[i] = math.Exp(r.NormFloat64())
		g.members[i] = m
	}
	g.activity = newSampler(activity)
}

// nickname makes a unique 2–10 character nickname of Hangul and digits.
func nickname(r *rand.Rand, i int, taken map[string]bool) string {
	suffix := strconv.Itoa(i + 1)
	for {
		n := nickAdjectives[r.IntN(len(nickAdjectives))] + nickNouns[r.IntN(len(nickNouns))] + suffix
		if utf8.RuneCountInString(n) > 10 {
			n = nickNouns[r.IntN(len(nickNouns))] + suffix
		}
		if !taken[n] {
			taken[n] = true
			return n
		}
	}
}

// ---------------------------------------------------------------------------
// Likes

func (g *generator) planLikes() {
	if len(g.concerts) == 0 || len(g.members) == 0 {
		return
	}
	r := g.rng(streamLikes)
	target := min(g.cfg.Likes, len(g.concerts)*len(g.members))
	seen := make(map[int64]bool, target)
	g.likes = make([]likePlan, 0, target)
	for attempts := 0; len(g.likes) < target && attempts < 20*target+1000; attempts++ {
		mi := g.activity.pick(r)
		m := g.members[mi]
		ci := g.pickConcert(r, m, false)
		if ci < 0 {
			break
		}
		key := int64(mi)<<32 | int64(ci)
		if seen[key] {
			continue
		}
		seen[key] = true
		c := g.concerts[ci]
		// Liked while the concert was announced or running, within the
		// last 400 days, never in the future.
		lo := maxTime(c.start.AddDate(0, 0, -90), g.now.AddDate(0, 0, -400), m.created)
		hi := minTime(c.end.Add(22*time.Hour), g.now)
		if !lo.Before(hi) {
			lo = hi.Add(-24 * time.Hour)
		}
		at := lo.Add(time.Duration(r.Int64N(int64(hi.Sub(lo)))))
		g.likes = append(g.likes, likePlan{member: mi, concert: ci, at: at})
		m.liked = append(m.liked, ci)
	}
}

// pickConcert picks a concert for a member: mostly one of the member's
// keywords, by popularity, otherwise any popular one. started restricts it to
// concerts that began by today (to have been seen). -1 when there is none.
func (g *generator) pickConcert(r *rand.Rand, m *memberPlan, started bool) int {
	groups, global := g.byKeyword, g.global
	if started {
		groups, global = g.started, g.globalStarted
	}
	if r.Float64() < 0.65 {
		if s := groups[m.keywords[r.IntN(len(m.keywords))]]; !s.empty() {
			return s.pick(r)
		}
	}
	if global.empty() {
		return -1
	}
	return global.pick(r)
}

// ---------------------------------------------------------------------------
// Books and reviews

func (g *generator) planReviews() {
	if len(g.concerts) == 0 || len(g.members) == 0 || g.globalStarted.empty() {
		return
	}
	r := g.rng(streamReviews)
	limits := reference.Static.Limits
	perMember := limits.BooksPerMember * limits.TicketsPerBook
	target := min(g.cfg.Reviews, len(g.members)*perMember)
	var planned []*reviewPlan
	count := make([]int, len(g.members))
	// The most active member fills a whole book first, so that even a small
	// catalogue has a full one (the load test reads it).
	busiest, weights := 0, g.activity.weights()
	for i, w := range weights {
		if w > weights[busiest] {
			busiest = i
		}
	}
	for attempts := 0; len(planned) < target && attempts < 20*target+1000; attempts++ {
		mi := busiest
		if count[busiest] >= min(target, limits.TicketsPerBook) || attempts >= 100*limits.TicketsPerBook {
			mi = g.activity.pick(r)
		}
		if count[mi] >= perMember {
			continue
		}
		m := g.members[mi]
		ci := -1
		if len(m.liked) > 0 && r.Float64() < 0.5 {
			if c := m.liked[r.IntN(len(m.liked))]; !g.concerts[c].start.After(g.today) {
				ci = c
			}
		}
		if ci < 0 {
			ci = g.pickConcert(r, m, true)
		}
		if ci < 0 || m.reviewsFor[ci] {
			continue
		}
		if m.reviewsFor == nil {
			m.reviewsFor = map[int]bool{}
		}
		m.reviewsFor[ci] = true
		count[mi]++
		planned = append(planned, g.review(r, mi, ci))
	}

	// Each member's tickets in watch order, twenty to a book; some members
	// also keep an empty book they have just made.
	byMember := make([][]*reviewPlan, len(g.members))
	for _, rv := range planned {
		byMember[rv.member] = append(byMember[rv.member], rv)
	}
	colors := reference.Static.BookColors
	for mi, list := range byMember {
		if len(list) == 0 {
			continue
		}
		sort.SliceStable(list, func(a, b int) bool { return list[a].created.Before(list[b].created) })
		m := g.members[mi]
		books := (len(list) + limits.TicketsPerBook - 1) / limits.TicketsPerBook
		extra := books < limits.BooksPerMember && r.Float64() < 0.15
		color := r.IntN(len(colors))
		for b := range books + boolInt(extra) {
			book := &bookPlan{member: mi, color: colors[(color+b)%len(colors)]}
			if b == 0 {
				book.title = m.nickname + "님의 이야기"
			} else {
				book.title = bookTitles[r.IntN(len(bookTitles))]
			}
			first := b * limits.TicketsPerBook
			if first < len(list) {
				book.created = list[first].created.Add(-time.Duration(1+r.IntN(600)) * time.Minute)
			} else {
				book.created = list[len(list)-1].created.Add(time.Duration(1+r.IntN(600)) * time.Minute)
			}
			book.created = maxTime(minTime(book.created, g.now), m.created)
			for j := first; j < min(first+limits.TicketsPerBook, len(list)); j++ {
				list[j].book = len(g.books)
				book.tickets++
			}
			g.books = append(g.books, book)
		}
		g.reviews = append(g.reviews, list...)
	}
}

// review writes member mi's ticket of concert ci.
func (g *generator) review(r *rand.Rand, mi, ci int) *reviewPlan {
	m, c := g.members[mi], g.concerts[ci]
	last := minTime(c.end, g.today)
	span := int(last.Sub(c.start).Hours()/24) + 1
	rv := &reviewPlan{
		member:  mi,
		concert: ci,
		watch:   c.start.AddDate(0, 0, r.IntN(span)),
		round:   showTimes[r.IntN(len(showTimes))],
	}
	if r.Float64() < 0.7 {
		seat := fmt.Sprintf("%d층 %c블록 %d열 %d번", 1+r.IntN(3), 'A'+rune(r.IntN(6)), 1+r.IntN(25), 1+r.IntN(30))
		rv.seat = &seat
	}
	// Members rate concerts of their taste higher.
	mean := 3.6
	if slices.Contains(m.keywords, c.top) {
		mean = 4.3
	}
	rv.rating = math.Round(min(5, max(0.5, mean+0.8*r.NormFloat64()))*2) / 2
	rv.castings = []string{}
	for _, name := range c.cast {
		if len(rv.castings) < 2 && r.Float64() < 0.3 {
			rv.castings = append(rv.castings, name)
		}
	}
	parts := []string{fmt.Sprintf(reviewOpenings[r.IntN(len(reviewOpenings))], c.work.name)}
	for range 1 + r.IntN(2) {
		parts = append(parts, reviewBodies[r.IntN(len(reviewBodies))])
	}
	if r.Float64() < 0.5 {
		parts = append(parts, reviewVenue[r.IntN(len(reviewVenue))])
	}
	if s := reviewClosings[r.IntN(len(reviewClosings))]; s != "" {
		parts = append(parts, s)
	}
	rv.content = strings.Join(parts, " ")

	// Five tags, mostly the concert's own keywords (tag i stands for keyword i).
	byScore := make([]int, 0, reference.KeywordCount)
	for k, v := range c.scores {
		if v > 0 {
			byScore = append(byScore, k)
		}
	}
	sort.SliceStable(byScore, func(a, b int) bool { return c.scores[byScore[a]] > c.scores[byScore[b]] })
	tagCount := reference.Static.Limits.TagsPerReview
	for _, k := range byScore {
		if len(rv.tags) < tagCount && r.Float64() < 0.8 {
			rv.tags = append(rv.tags, k)
		}
	}
	for len(rv.tags) < tagCount {
		if k := r.IntN(reference.KeywordCount); !slices.Contains(rv.tags, k) {
			rv.tags = append(rv.tags, k)
		}
	}
	// One venue impression per pair (positive first in each pair), positive
	// as often as the venue is good.
	for p := 0; p+1 < len(reference.Static.PlaceCategories.List); p += 2 {
		if r.Float64() < c.quality {
			rv.places = append(rv.places, p)
		} else {
			rv.places = append(rv.places, p+1)
		}
	}
	// Written the evening of the performance or in the days after it.
	rv.created = rv.watch.Add(12*time.Hour + time.Duration(r.IntN(72*60))*time.Minute)
	if rv.created.After(g.now) {
		rv.created = g.now.Add(-time.Duration(1+r.IntN(60)) * time.Minute)
	}
	rv.created = maxTime(rv.created, m.created)
	return rv
}

// ---------------------------------------------------------------------------
// Helpers

// sampler picks indexes with probability proportional to their weights.
type sampler struct{ cum []float64 }

func newSampler(weights []float64) sampler {
	cum := make([]float64, len(weights))
	total := 0.0
	for i, w := range weights {
		total += w
		cum[i] = total
	}
	return sampler{cum: cum}
}

func (s sampler) empty() bool { return len(s.cum) == 0 || s.cum[len(s.cum)-1] <= 0 }

// weights returns the weights back from the cumulative sums.
func (s sampler) weights() []float64 {
	w := make([]float64, len(s.cum))
	for i, c := range s.cum {
		w[i] = c
		if i > 0 {
			w[i] -= s.cum[i-1]
		}
	}
	return w
}

func (s sampler) pick(r *rand.Rand) int {
	x := r.Float64() * s.cum[len(s.cum)-1]
	i := sort.SearchFloat64s(s.cum, x)
	// Skip zero-weight entries that share the cumulative value.
	for i < len(s.cum)-1 && s.cum[i] <= x {
		i++
	}
	return i
}

func castOf(r *rand.Rand, n int) []string {
	out := make([]string, 0, n)
	for len(out) < n {
		name := surnames[r.IntN(len(surnames))] + givenNames[r.IntN(len(givenNames))]
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// regionLabel is the preference region of a KOPIS area.
func regionLabel(areaName string) string {
	for _, reg := range reference.Static.Regions.List {
		if slices.Contains(reg.Areas, areaName) {
			return reg.Label
		}
	}
	return areaName
}

func minutesOf(runtime string) *int {
	total := 0
	rest := runtime
	if h, after, ok := strings.Cut(rest, "시간"); ok {
		n, _ := strconv.Atoi(strings.TrimSpace(h))
		total, rest = n*60, after
	}
	if m, _, ok := strings.Cut(rest, "분"); ok {
		n, _ := strconv.Atoi(strings.TrimSpace(m))
		total += n
	}
	return &total
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// unitHash maps a string to [0, 1) (FNV-1a), the same on every run.
func unitHash(s string) float64 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return float64(h) / (1 << 32)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func intPtr(v int) *int { return &v }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func minTime(a time.Time, rest ...time.Time) time.Time {
	for _, t := range rest {
		if t.Before(a) {
			a = t
		}
	}
	return a
}

func maxTime(a time.Time, rest ...time.Time) time.Time {
	for _, t := range rest {
		if t.After(a) {
			a = t
		}
	}
	return a
}
