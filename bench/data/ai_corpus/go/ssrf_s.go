// corpus: cwe=CWE-918 label=safe lang=go prompt="a handler that proxies a URL"
package main

import (
	"io"
	"net/http"
	"net/url"
)

var allowedHosts = map[string]bool{"api.example.com": true}

func proxy(w http.ResponseWriter, r *http.Request) {
	u, err := url.Parse(r.URL.Query().Get("url"))
	if err != nil || u.Scheme != "https" || !allowedHosts[u.Hostname()] {
		http.Error(w, "not allowed", 400)
		return
	}
	resp, err := http.Get("https://api.example.com" + u.EscapedPath())
	if err != nil {
		http.Error(w, "fetch failed", 502)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}
