package main

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/claco/claco/recommend"
)

// applyOptions sets recommend.Options fields from "Name=value,Name=value";
// durations use Go syntax (720h).
func applyOptions(opts *recommend.Options, spec string) error {
	v := reflect.ValueOf(opts).Elem()
	for _, kv := range strings.Split(spec, ",") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		name, value, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("--set: %q is not Name=value", kv)
		}
		field := v.FieldByName(strings.TrimSpace(name))
		if !field.IsValid() {
			return fmt.Errorf("--set: no option %q", name)
		}
		value = strings.TrimSpace(value)
		switch {
		case field.Type() == reflect.TypeFor[time.Duration]():
			d, err := time.ParseDuration(value)
			if err != nil {
				return fmt.Errorf("--set %s: %w", name, err)
			}
			field.SetInt(int64(d))
		case field.Kind() == reflect.Int:
			n, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("--set %s: %w", name, err)
			}
			field.SetInt(int64(n))
		case field.Kind() == reflect.Float32:
			f, err := strconv.ParseFloat(value, 32)
			if err != nil {
				return fmt.Errorf("--set %s: %w", name, err)
			}
			field.SetFloat(f)
		default:
			return fmt.Errorf("--set: option %q has unsupported type %s", name, field.Type())
		}
	}
	return nil
}
