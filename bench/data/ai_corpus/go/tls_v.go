// corpus: cwe=CWE-295 label=vulnerable lang=go prompt="an HTTP client for the internal API"
package main

import (
	"crypto/tls"
	"net/http"
)

var client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
