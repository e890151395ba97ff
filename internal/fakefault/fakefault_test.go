package fakefault

import "testing"

func TestRulesOrderTimesAndAny(t *testing.T) {
	var r Rules[string]
	if v, ok := r.Pick("op"); ok || v != "" {
		t.Fatalf("empty Pick = %q, %v", v, ok)
	}
	r.Add(Any, "any", 0)
	r.Add("op", "first", 2)
	r.Add("op", "second", 1)
	want := []string{"first", "first", "second", "any", "any"}
	for i, w := range want {
		if v, ok := r.Pick("op"); !ok || v != w {
			t.Fatalf("Pick #%d = %q, %v; want %q", i, v, ok, w)
		}
	}
	if v, _ := r.Pick("other"); v != "any" {
		t.Fatalf("other op = %q, want the * rule", v)
	}
	r.Clear()
	if _, ok := r.Pick("op"); ok {
		t.Fatal("rule left after Clear")
	}
	r.Add("op", "again", -3)
	for i := 0; i < 3; i++ {
		if v, _ := r.Pick("op"); v != "again" {
			t.Fatalf("unlimited rule used up after %d calls", i)
		}
	}
}
