// hello is the smallest useful Go program. It avoids fmt on purpose to keep
// the committed binaries small.
package main

import "os"

func main() {
	os.Stdout.WriteString("hello from elfscope\n")
}
