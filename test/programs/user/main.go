// user calls os/user.Current; with CGO_ENABLED=0 the pure-Go implementation
// reads /etc/passwd and fails when it is missing.
// fmt is avoided on purpose to keep the committed binaries small.
package main

import (
	"os"
	"os/user"
)

func main() {
	u, err := user.Current()
	if err != nil {
		os.Stderr.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Stdout.WriteString(u.Username + "\n")
}
