package recommend

import "math"

// Matrices are stored column-major (feature-major): column f of an n-row
// matrix is m[f*n : (f+1)*n]. Scoring every row against one vector is then a
// sequence of independent multiply-adds over contiguous memory, which runs
// several times faster than a dot product per row.

// scoreAllRows sets out[j] = Σ_f v[f]·m[f*n+j] for every row j.
func scoreAllRows(m []float32, n int, v []float32, out []float32) {
	scoreRows(m, n, 0, n, v, out)
}

// scoreRows sets out[j-lo] = Σ_f v[f]·m[f*n+j] for rows lo ≤ j < hi.
// Columns are taken up to four at a time so that out is read and written a
// quarter as often; the loop is bound by memory, not arithmetic. Callers
// score a block of rows that fits in the L1 cache and use it at once.
func scoreRows(m []float32, n, lo, hi int, v []float32, out []float32) {
	out = out[:hi-lo]
	if len(v) == 0 {
		clear(out)
		return
	}
	for f := 0; f < len(v); {
		col := func(k int) []float32 { return m[(f+k)*n+lo : (f+k)*n+hi][:len(out)] }
		switch rest := len(v) - f; {
		case rest >= 4:
			v0, v1, v2, v3 := v[f], v[f+1], v[f+2], v[f+3]
			c0, c1, c2, c3 := col(0), col(1), col(2), col(3)
			if f == 0 {
				for j := range out {
					out[j] = v0*c0[j] + v1*c1[j] + v2*c2[j] + v3*c3[j]
				}
			} else {
				for j := range out {
					out[j] += v0*c0[j] + v1*c1[j] + v2*c2[j] + v3*c3[j]
				}
			}
			f += 4
		case rest >= 2:
			v0, v1 := v[f], v[f+1]
			c0, c1 := col(0), col(1)
			if f == 0 {
				for j := range out {
					out[j] = v0*c0[j] + v1*c1[j]
				}
			} else {
				for j := range out {
					out[j] += v0*c0[j] + v1*c1[j]
				}
			}
			f += 2
		default:
			v0, c0 := v[f], col(0)
			if f == 0 {
				for j := range out {
					out[j] = v0 * c0[j]
				}
			} else {
				for j := range out {
					out[j] += v0 * c0[j]
				}
			}
			f++
		}
	}
}

// dot returns Σ a[i]·b[i] over the length of a.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s float32
	for i, v := range a {
		s += v * b[i]
	}
	return s
}

// rowDot returns Σ_f v[f]·m[f*n+j].
func rowDot(m []float32, n, j int, v []float32) float32 {
	var s float32
	for f, vf := range v {
		s += vf * m[f*n+j]
	}
	return s
}

// rowsDot returns Σ_f m[f*n+a]·m[f*n+b] for two rows of the same matrix.
func rowsDot(m []float32, n, dim, a, b int) float32 {
	var s float32
	for f := range dim {
		s += m[f*n+a] * m[f*n+b]
	}
	return s
}

// norm returns the Euclidean norm of v.
func norm(v []float32) float32 {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return float32(math.Sqrt(s))
}

// scale multiplies v by c in place.
func scale(v []float32, c float32) {
	for i := range v {
		v[i] *= c
	}
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float32) bool {
	f := float64(x)
	return !math.IsNaN(f) && !math.IsInf(f, 0)
}

// allFinite reports whether every element of v is finite.
func allFinite(v []float32) bool {
	for _, x := range v {
		if !finite(x) {
			return false
		}
	}
	return true
}

// halfLifeDecay returns 2^(-age/halfLife), or 1 when halfLife is zero or the
// age is not positive.
func halfLifeDecay(age int64, halfLifeSeconds float64) float32 {
	if halfLifeSeconds <= 0 || age <= 0 {
		return 1
	}
	return float32(math.Exp2(-float64(age) / halfLifeSeconds))
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
