package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/didkit/voipms/bulk"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
)

type bulkFlags struct {
	file        string
	journal     string
	concurrency int
	rate        float64
	noProgress  bool
	// order only
	o          orderFlags
	state      string
	ratecenter string
	count      int
	spares     int
}

func (a *app) bulkCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "bulk",
		Short: "Resumable bulk order, cancel or re-route from a CSV file",
		Long: `bulk runs many operations with bounded concurrency and a rate limit, journaling each one
(fsynced) before it is sent and after its outcome. Ctrl-C stops cleanly (operations in flight finish);
running the same command again with the same --journal reconciles unknown outcomes first, skips finished
operations and sends the rest. The CSV file has one DID per line, optionally a routing in the second
column ("did,route"; a header line "did,route" is allowed).`,
	}
	for _, kind := range []bulk.Kind{bulk.KindOrder, bulk.KindCancel, bulk.KindRoute} {
		c.AddCommand(a.bulkKindCmd(kind))
	}
	return c
}

func (a *app) bulkKindCmd(kind bulk.Kind) *cobra.Command {
	var bf bulkFlags
	c := &cobra.Command{
		Use:   string(kind),
		Short: fmt.Sprintf("bulk %s from --file (or, for order, --count numbers of --state/--ratecenter)", kind),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return a.runBulk(cmd, kind, &bf) },
	}
	f := c.Flags()
	f.StringVar(&bf.file, "file", "", "CSV file: did[,route] per line")
	f.StringVar(&bf.journal, "journal", "", "journal file (JSON lines); required; reuse it to resume")
	f.IntVar(&bf.concurrency, "concurrency", 4, "operations at once")
	f.Float64Var(&bf.rate, "rate", 5, "requests per second at most")
	f.BoolVar(&bf.noProgress, "no-progress", false, "no progress bar")
	switch kind {
	case bulk.KindOrder:
		bf.o.register(c)
		f.StringVar(&bf.state, "state", "", "order --count numbers of this US state (instead of --file)")
		f.StringVar(&bf.ratecenter, "ratecenter", "", "with --state: of this rate center")
		f.IntVar(&bf.count, "count", 0, "with --state: how many numbers")
		f.IntVar(&bf.spares, "spares", 5, "with --state: extra numbers kept to replace refused ones")
	case bulk.KindRoute:
		f.StringVar(&bf.o.route, "route", "", "routing for rows that name none")
	}
	return c
}

// readPlan reads a CSV plan.
func readPlan(path string, kind bulk.Kind, defRoute string) (bulk.Plan, error) {
	f, err := os.Open(path)
	if err != nil {
		return bulk.Plan{}, invalid("--file: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var p bulk.Plan
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return p, invalid("%s: %v", path, err)
		}
		if len(rec) == 0 || strings.TrimSpace(rec[0]) == "" || strings.HasPrefix(rec[0], "#") {
			continue
		}
		if line == 1 && strings.EqualFold(strings.TrimSpace(rec[0]), "did") {
			continue
		}
		op := bulk.Op{Kind: kind, DID: strings.TrimSpace(rec[0])}
		if len(rec) > 1 {
			op.Route = strings.TrimSpace(rec[1])
		}
		if op.Route == "" && kind == bulk.KindRoute {
			op.Route = defRoute
		}
		if kind == bulk.KindCancel {
			op.Route = ""
		}
		p.Ops = append(p.Ops, op)
	}
	if len(p.Ops) == 0 {
		return p, invalid("%s: no DIDs", path)
	}
	return p, nil
}

func (a *app) runBulk(cmd *cobra.Command, kind bulk.Kind, bf *bulkFlags) error {
	ctx := cmd.Context()
	if bf.journal == "" {
		return invalid("--journal is required (it is what makes the run resumable)")
	}
	if bf.concurrency < 1 || bf.rate <= 0 {
		return invalid("--concurrency and --rate must be positive")
	}
	byCount := kind == bulk.KindOrder && bf.state != ""
	if byCount == (bf.file != "") {
		return invalid("give exactly one of --file or --state/--count")
	}
	if byCount && bf.count < 1 {
		return invalid("--count must be at least 1")
	}
	tmpl, err := bf.o.template(false)
	if kind != bulk.KindOrder {
		err = nil
	}
	if err != nil {
		return err
	}
	var plan bulk.Plan
	if !byCount {
		if plan, err = readPlan(bf.file, kind, bf.o.route); err != nil {
			return err
		}
	}
	cl, err := a.client()
	if err != nil {
		return err
	}
	backend := bulk.NewVoIPms(cl, tmpl)
	if !byCount {
		// Check every row before touching the journal or the network.
		if err := bulk.Validate(backend, plan); err != nil {
			return err
		}
	}
	j, err := bulk.OpenFile(bf.journal)
	if err != nil {
		return err
	}
	defer j.Close()
	if byCount {
		jp, ok, err := bulk.JournalPlan(j)
		if err != nil {
			return err
		}
		if ok {
			plan = jp // resume: the numbers chosen by the first run
			fmt.Fprintf(a.stderr, "resuming the plan of %s (%d numbers)\n", bf.journal, plan.Want)
		} else if plan, err = backend.RateCenterPlan(ctx, bf.state, bf.ratecenter, bf.count, bf.spares, ""); err != nil {
			return err
		}
	}
	total := len(plan.Ops)
	if plan.Want > 0 {
		total = plan.Want
	}
	var bar *progressbar.ProgressBar
	if !bf.noProgress {
		bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(a.stderr), progressbar.OptionSetDescription("bulk "+string(kind)),
			progressbar.OptionShowCount(), progressbar.OptionSetWidth(30), progressbar.OptionOnCompletion(func() { fmt.Fprintln(a.stderr) }))
	}
	r, err := bulk.New(backend, j, bulk.Options{Concurrency: bf.concurrency, Rate: bf.rate, Progress: func(p bulk.Progress) {
		if bar != nil {
			bar.Set(p.Done)
		}
	}})
	if err != nil {
		return err
	}
	rep, runErr := r.Run(ctx, plan)
	if bar != nil {
		fmt.Fprintln(a.stderr)
	}
	t := &table{header: []string{"DID", "ACTION", "OUTCOME", "ERROR"}}
	for _, res := range rep.Results {
		t.add(res.Op.DID, string(res.Op.Kind), string(res.Outcome), res.Err)
	}
	if len(rep.Results) > 0 {
		if err := a.print(t); err != nil {
			return err
		}
	}
	fmt.Fprintf(a.stderr, "ok %d, failed %d, unknown %d, pending %d, spares unused %d\n", rep.OK, rep.Failed, rep.Unknown, rep.Pending, rep.Skipped)
	switch {
	case runErr != nil && ctx.Err() != nil:
		return &exitError{exitInterrupted, fmt.Errorf("interrupted; run the same command again to resume from %s", bf.journal)}
	case runErr != nil:
		return runErr
	case rep.Failed > 0:
		return &exitError{exitRefused, fmt.Errorf("%d operations were refused (see the table)", rep.Failed)}
	}
	return nil
}
