// netuser links the cgo DNS resolver (net.LookupHost) and cgo os/user
// (user.Current) when built with CGO_ENABLED=1 and no netgo/osusergo tags.
// fmt is avoided on purpose to keep the committed binaries small.
package main

import (
	"net"
	"os"
	"os/user"
	"strings"
)

func main() {
	host := "localhost"
	if len(os.Args) > 1 {
		host = os.Args[1]
	}
	status := 0
	addrs, err := net.LookupHost(host)
	if err != nil {
		os.Stderr.WriteString("lookup: " + err.Error() + "\n")
		status = 1
	} else {
		os.Stdout.WriteString("addrs: " + strings.Join(addrs, " ") + "\n")
	}
	u, err := user.Current()
	if err != nil {
		os.Stderr.WriteString("user: " + err.Error() + "\n")
		status = 1
	} else {
		os.Stdout.WriteString("user: " + u.Username + "\n")
	}
	os.Exit(status)
}
