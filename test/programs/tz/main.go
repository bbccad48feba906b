// tz loads a named time zone; without the timetzdata tag this needs
// /usr/share/zoneinfo (or $ZONEINFO) at run time.
// fmt is avoided on purpose to keep the committed binaries small.
package main

import (
	"os"
	"time"
)

func main() {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		os.Stderr.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString(loc.String() + "\n")
}
