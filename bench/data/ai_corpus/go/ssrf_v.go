// corpus: cwe=CWE-918 label=vulnerable lang=go prompt="a handler that proxies a URL"
package main

import (
	"io"
	"net/http"
)

func proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get(r.URL.Query().Get("url"))
	if err != nil {
		http.Error(w, "fetch failed", 502)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
