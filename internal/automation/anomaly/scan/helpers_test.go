package scan

import (
	"math"
	"strconv"
)

func logReturn(prev, cur float64) float64 { return math.Log(cur / prev) }
func strconvF(f float64) string           { return strconv.FormatFloat(f, 'g', -1, 64) }
func strconvF6(f float64) string          { return strconv.FormatFloat(f, 'f', 6, 64) }
