package voipmstest_test

import (
	"strings"
	"testing"
)

// npasOf are the area codes of each US state and Canadian province, written
// out by hand from the NANPA assignments (independent of data/geography.tsv,
// which needs only to stay within them).
var npasOf = func() map[string]map[string]bool {
	const table = `AL 205 251 256 334 659 938|AK 907|AZ 480 520 602 623 928|AR 327 479 501 870|
CA 209 213 279 310 323 341 350 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951|
CO 303 719 720 970 983|CT 203 475 860 959|DE 302|DC 202 771|
FL 239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 904 941 954|
GA 229 404 470 478 678 706 762 770 912 943|HI 808|ID 208 986|IL 217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872|
IN 219 260 317 463 574 765 812 930|IA 319 515 563 641 712|KS 316 620 785 913|KY 270 364 502 606 859|LA 225 318 337 504 985|
ME 207|MD 227 240 301 410 443 667|MA 339 351 413 508 617 774 781 857 978|MI 231 248 269 313 517 586 616 679 734 810 906 947 989|
MN 218 320 507 612 651 763 924 952|MS 228 471 601 662 769|MO 235 314 417 557 573 636 660 816 975|MT 406|NE 308 402 531|
NV 702 725 775|NH 603|NJ 201 551 609 640 732 848 856 862 908 973|NM 505 575|
NY 212 315 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934|NC 252 336 472 704 743 828 910 919 980 984|
ND 701|OH 216 220 234 283 326 330 380 419 436 440 513 567 614 740 937|OK 405 539 572 580 918|OR 458 503 541 971|
PA 215 223 267 272 412 445 484 570 582 610 717 724 814 835 878|RI 401|SC 803 821 839 843 854 864|SD 605|TN 423 615 629 731 865 901 931|
TX 210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 915 936 940 945 956 972 979|UT 385 435 801|VT 802|
VA 276 434 540 571 686 703 757 804 826 948|WA 206 253 360 425 509 564|WV 304 681|WI 262 274 353 414 534 608 715 920|WY 307|
AB 368 403 587 780 825|BC 236 250 257 604 672 778|MB 204 431 584|NB 428 506|NL 709 879|NS 782 902|PE 782 902|
QC 263 354 367 418 438 450 468 514 579 581 819 873|ON 226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905 942|
SK 306 474 639|NT 867|NU 867|YT 867`
	out := map[string]map[string]bool{}
	for _, entry := range strings.Split(strings.ReplaceAll(table, "\n", ""), "|") {
		f := strings.Fields(entry)
		out[f[0]] = map[string]bool{}
		for _, npa := range f[1:] {
			out[f[0]][npa] = true
		}
	}
	return out
}()

var caCodes = []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}

// TestGeography: every NPA a search or listing returns belongs to the state
// or province searched, for all 50 states, DC and the 13 provinces and
// territories; the famous ones are where they should be.
func TestGeography(t *testing.T) {
	s := newBillingServer(t)
	states := list(t, ok(t, s, "getStates"), "states")
	provinces := list(t, ok(t, s, "getProvinces"), "provinces")
	if len(states) != 51 || len(provinces) != 13 {
		t.Fatalf("%d states and %d provinces, want 51 (with DC) and 13", len(states), len(provinces))
	}
	for i, p := range provinces {
		if p["province"] != caCodes[i] {
			t.Errorf("province %d = %v, want %s", i, p["province"], caCodes[i])
		}
	}
	check := func(region, method string, kv ...string) int {
		t.Helper()
		m := api(t, s, method, kv...)
		if m["status"] == "no_did" {
			return 0
		}
		n := 0
		for _, r := range list(t, m, "dids") {
			did := r["did"].(string)
			if !npasOf[region][did[:3]] {
				t.Errorf("%s %v: %s (%v) has area code %s, not one of %s's", method, kv, did, r["ratecenter"], did[:3], region)
			}
			n++
		}
		return n
	}
	total := 0
	for _, group := range []struct {
		list                    []map[string]any
		key, getM, searchM, rcM string
	}{
		{states, "state", "getDIDsUSA", "searchDIDsUSA", "getRateCentersUSA"},
		{provinces, "province", "getDIDsCAN", "searchDIDsCAN", "getRateCentersCAN"},
	} {
		for _, r := range group.list {
			code := r[group.key].(string)
			if npasOf[code] == nil {
				t.Errorf("unknown %s %q", group.key, code)
				continue
			}
			centers := list(t, ok(t, s, group.rcM, group.key, code), "ratecenters")
			if len(centers) == 0 || len(centers) < 2 && !strings.Contains("DC NT NU YT PE", code) {
				t.Errorf("%s %s has %d rate centers", group.key, code, len(centers))
			}
			total += check(code, group.getM, group.key, code)
			for npa := range npasOf[code] {
				check(code, group.searchM, group.key, code, "type", "starts", "query", npa)
			}
			check(code, group.searchM, group.key, code, "type", "contains", "query", "2")
		}
	}
	if total < 500 {
		t.Errorf("only %d local numbers listed in all", total)
	}
	// A search by area code alone finds numbers of its own state only.
	for npa, want := range map[string]string{"305": "FL", "514": "QC", "405": "OK", "212": "NY", "416": "ON", "604": "BC"} {
		method := "searchDIDsUSA"
		if strings.Contains(strings.Join(caCodes, " "), want) {
			method = "searchDIDsCAN"
		}
		if n := check(want, method, "type", "starts", "query", npa); n == 0 {
			t.Errorf("no %s numbers in %s", npa, want)
		}
	}
	for _, c := range []struct{ method, param, region, center, npa string }{
		{"getDIDsUSA", "state", "FL", "MIAMI", "305"},
		{"getDIDsUSA", "state", "OK", "OKLAHOMA CITY", "405"},
		{"getDIDsCAN", "province", "QC", "Montreal", "514"},
		{"getDIDsUSA", "state", "AL", "BIRMINGHAM", "205"},
	} {
		for _, r := range list(t, ok(t, s, c.method, c.param, c.region, "ratecenter", c.center), "dids") {
			if did := r["did"].(string); did[:3] != c.npa {
				t.Errorf("%s, %s number %s, want area code %s", c.center, c.region, did, c.npa)
			}
		}
	}
}

// TestServersAreVoIPmsPOPs: getServersInfo is VoIP.ms's published list.
func TestServersAreVoIPmsPOPs(t *testing.T) {
	s := newBillingServer(t)
	servers := list(t, ok(t, s, "getServersInfo"), "servers")
	byHost := map[string]map[string]any{}
	countries := map[string]int{}
	for _, r := range servers {
		byHost[r["server_hostname"].(string)] = r
		countries[r["server_country"].(string)]++
		if !strings.HasSuffix(r["server_hostname"].(string), ".voip.ms") || !strings.HasPrefix(r["server_ip"].(string), "208.100.60.") {
			t.Errorf("server %v", r)
		}
	}
	for host, want := range map[string][3]string{
		"montreal1.voip.ms": {"Montreal 1, QC", "Montreal-1", "Canada"},
		"sanjose2.voip.ms":  {"San Jose 2, CA", "San Jose-2", "USA"},
		"toronto10.voip.ms": {"Toronto 10, ON", "Toronto-10", "Canada"},
		"newyork7.voip.ms":  {"New York 7, NY", "New York-7", "USA"},
		"london1.voip.ms":   {"London 1, UK", "London-1", "United Kingdom"},
	} {
		r := byHost[host]
		if r == nil || r["server_name"] != want[0] || r["server_shortname"] != want[1] || r["server_country"] != want[2] {
			t.Errorf("%s = %v, want %v", host, r, want)
		}
	}
	if len(servers) != 62 || countries["Canada"] != 23 || countries["USA"] != 35 {
		t.Errorf("%d servers, by country %v", len(servers), countries)
	}
}
