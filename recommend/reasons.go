package recommend

// addFeature records a positive contribution of feature f, keeping the
// MaxReasons largest (ties: lower feature index first).
func (r *Reasons) addFeature(f int, w float32) {
	if !(w > 0) {
		return
	}
	k := r.numFeatures
	if k == MaxReasons {
		last := r.features[k-1]
		if w < last.Weight || (w == last.Weight && f > last.Feature) {
			return
		}
		k--
	} else {
		r.numFeatures++
	}
	for k > 0 && (w > r.features[k-1].Weight || (w == r.features[k-1].Weight && f < r.features[k-1].Feature)) {
		r.features[k] = r.features[k-1]
		k--
	}
	r.features[k] = FeatureReason{Feature: f, Weight: w}
}

// addItem records a positive contribution of item id, keeping the MaxReasons
// largest (ties: lower id first).
func (r *Reasons) addItem(id int64, w float32) {
	if !(w > 0) {
		return
	}
	k := r.numItems
	if k == MaxReasons {
		last := r.items[k-1]
		if w < last.Weight || (w == last.Weight && id > last.Item) {
			return
		}
		k--
	} else {
		r.numItems++
	}
	for k > 0 && (w > r.items[k-1].Weight || (w == r.items[k-1].Weight && id < r.items[k-1].Item)) {
		r.items[k] = r.items[k-1]
		k--
	}
	r.items[k] = ItemReason{Item: id, Weight: w}
}
