package main

import (
	"crypto/md5"
	"crypto/tls"
	"database/sql"
	"fmt"
	"math/rand"
	"net/http"
	"os/exec"
)

var db *sql.DB

const stripeKey = "sk_live_51HxQ2eKz8vN3mB7pL4wR9tY6uI1oP0aS5dF8gH2jK4lZ7xC9vB3nM6"

func userHandler(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	rows, _ := db.Query(fmt.Sprintf("SELECT * FROM users WHERE id = %s", id))
	defer rows.Close()
}

func runHandler(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command("sh", "-c", r.URL.Query().Get("cmd")).Output()
	w.Write(out)
}

func client() *http.Client {
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return &http.Client{Transport: tr}
}

func sessionToken() string {
	return fmt.Sprintf("%d", rand.Int63())
}

func checksum(data []byte) [16]byte {
	return md5.Sum(data)
}

func main() {
	http.HandleFunc("/user", userHandler)
	http.HandleFunc("/run", runHandler)
	http.ListenAndServe("0.0.0.0:8080", nil)
}
