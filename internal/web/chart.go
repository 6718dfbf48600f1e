package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"
)

// Charts are drawn on the server as SVG: no script, no CDN, readable by screen readers
// through <title> and aria-label, and sized by the page with a viewBox.

// point is one value of a trend.
type point struct {
	At    time.Time
	Value float64
	Label string // tooltip; default "<date>: <value>"
}

// bar is one bucket of a bar chart.
type bar struct {
	Label string
	Value float64
	Text  string // tooltip and value label, e.g. a formatted amount
	Class string // CSS class, e.g. "bad" for overdue buckets
}

const (
	chartW, chartH         = 640, 220
	padL, padR, padT, padB = 64, 16, 16, 36
	plotW, plotH           = chartW - padL - padR, chartH - padT - padB
	maxXTicks, maxYTicks   = 6, 5
	emptyChartMessage      = "No data yet"
	chartFontSize          = 12
	chartRadius            = 3.5
	barGapRatio            = 0.25
)

// niceTicks returns about n round tick values spanning [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow10(int(math.Floor(math.Log10(raw))))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	var out []float64
	for v := math.Floor(lo/step) * step; v <= hi+step*1e-9; v += step {
		out = append(out, v)
	}
	if out[len(out)-1] < hi {
		out = append(out, out[len(out)-1]+step)
	}
	return out
}

// lineChart draws a trend with a labelled value axis and date axis; the value axis spans
// the data (from zero unless the values sit in a narrow band far from it).
func lineChart(title string, pts []point, yFmt func(float64) string) template.HTML {
	if len(pts) == 0 {
		return lineChartIn(title, pts, yFmt, 0, 1)
	}
	lo, hi := pts[0].Value, pts[0].Value
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	if lo > 0 && lo < hi/2 || lo == hi && lo > 0 {
		lo = 0
	}
	if hi-lo < 1e-9 { // one value, or all equal at zero or below: give the axis a height
		hi = lo + math.Max(1, math.Abs(lo)*0.2)
	}
	return lineChartIn(title, pts, yFmt, lo, hi)
}

// lineChartIn draws a trend on a value axis spanning at least [lo, hi], e.g. 0..100 for a score.
func lineChartIn(title string, pts []point, yFmt func(float64) string, lo, hi float64) template.HTML {
	var b strings.Builder
	openSVG(&b, title)
	if len(pts) == 0 {
		emptyChart(&b)
		return template.HTML(b.String())
	}
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	ticks := niceTicks(lo, hi, maxYTicks)
	lo, hi = ticks[0], ticks[len(ticks)-1]
	t0, t1 := pts[0].At, pts[len(pts)-1].At
	span := t1.Sub(t0).Seconds()
	x := func(t time.Time) float64 {
		if span <= 0 {
			return padL + plotW/2
		}
		return padL + plotW*t.Sub(t0).Seconds()/span
	}
	y := func(v float64) float64 { return padT + plotH*(1-(v-lo)/(hi-lo)) }
	yAxis(&b, ticks, y, yFmt)
	xDates(&b, t0, t1, x)
	var path strings.Builder
	for i, p := range pts {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(&path, "%s%.1f %.1f ", cmd, x(p.At), y(p.Value))
	}
	fmt.Fprintf(&b, `<path class="line" d="%s"/>`, strings.TrimSpace(path.String()))
	for _, p := range pts {
		label := p.Label
		if label == "" {
			label = p.At.Format("2 Jan 2006") + ": " + yFmt(p.Value)
		}
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="%.1f"><title>%s</title></circle>`,
			x(p.At), y(p.Value), chartRadius, html.EscapeString(label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// barChart draws one bar per bucket, labelled under the axis.
func barChart(title string, bars []bar, yFmt func(float64) string) template.HTML {
	var b strings.Builder
	openSVG(&b, title)
	if len(bars) == 0 {
		emptyChart(&b)
		return template.HTML(b.String())
	}
	hi := 0.0
	for _, br := range bars {
		hi = math.Max(hi, br.Value)
	}
	ticks := niceTicks(0, hi, maxYTicks)
	top := ticks[len(ticks)-1]
	y := func(v float64) float64 { return padT + plotH*(1-v/top) }
	yAxis(&b, ticks, y, yFmt)
	slot := float64(plotW) / float64(len(bars))
	w := slot * (1 - barGapRatio)
	for i, br := range bars {
		x0 := padL + slot*float64(i) + (slot-w)/2
		h := math.Max(y(0)-y(br.Value), 0)
		text := cmpOr(br.Text, yFmt(br.Value))
		fmt.Fprintf(&b, `<rect class="bar %s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %s</title></rect>`,
			html.EscapeString(br.Class), x0, y(0)-h, w, h, html.EscapeString(br.Label), html.EscapeString(text))
		fmt.Fprintf(&b, `<text class="xlabel" x="%.1f" y="%d" text-anchor="middle">%s</text>`,
			x0+w/2, chartH-padB+16, html.EscapeString(br.Label))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func openSVG(b *strings.Builder, title string) {
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" font-size="%d"><title>%s</title>`,
		chartW, chartH, html.EscapeString(title), chartFontSize, html.EscapeString(title))
}

func emptyChart(b *strings.Builder) {
	fmt.Fprintf(b, `<text class="empty" x="%d" y="%d" text-anchor="middle">%s</text></svg>`, chartW/2, chartH/2, emptyChartMessage)
}

func yAxis(b *strings.Builder, ticks []float64, y func(float64) float64, yFmt func(float64) string) {
	for _, t := range ticks {
		fmt.Fprintf(b, `<line class="gridline" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>`, padL, chartW-padR, y(t), y(t))
		fmt.Fprintf(b, `<text class="ylabel" x="%d" y="%.1f" text-anchor="end">%s</text>`, padL-6, y(t)+4, html.EscapeString(yFmt(t)))
	}
	fmt.Fprintf(b, `<line class="axis" x1="%d" x2="%d" y1="%d" y2="%d"/>`, padL, chartW-padR, padT+plotH, padT+plotH)
}

// xDates labels the time axis with up to maxXTicks evenly spaced dates.
func xDates(b *strings.Builder, t0, t1 time.Time, x func(time.Time) float64) {
	n := maxXTicks
	if !t1.After(t0) {
		n = 1
	}
	layout := "2 Jan"
	if t1.Sub(t0) > 300*24*time.Hour {
		layout = "Jan 2006"
	}
	for i := 0; i < n; i++ {
		t := t0
		if n > 1 {
			t = t0.Add(time.Duration(float64(t1.Sub(t0)) * float64(i) / float64(n-1)))
		}
		fmt.Fprintf(b, `<text class="xlabel" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x(t), chartH-padB+16, t.Format(layout))
	}
}
