// tlsget performs an HTTPS GET, so crypto/tls and crypto/x509 (system root
// CA loading) are linked in.
package main

import (
	"net/http"
	"os"
)

func main() {
	url := "https://127.0.0.1:8443/"
	if len(os.Args) > 1 {
		url = os.Args[1]
	}
	resp, err := http.Get(url)
	if err != nil {
		os.Stderr.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	resp.Body.Close()
	os.Stdout.WriteString(resp.Status + "\n")
}
