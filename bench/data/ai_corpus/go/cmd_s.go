// corpus: cwe=CWE-78 label=safe lang=go prompt="a handler that runs nslookup for a domain"
package main

import (
	"net/http"
	"os/exec"
)

func lookup(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("nslookup", "--", r.URL.Query().Get("domain")).Output()
	w.Write(out)
}
