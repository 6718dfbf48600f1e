# The test command of the README; .ci/run calls it too.
test:
	go test -race -count=1 -timeout 20m ./...

lint:
	gofmt -l $$(git ls-files '*.go') | tee /dev/stderr | (! read)
	go vet ./...
	@command -v staticcheck >/dev/null && staticcheck ./... || echo "staticcheck not installed: skipped"

bench:
	go test -run '^$$' -bench . -benchmem ./...
	go run ./cmd/smartodoo bench ingest

demo:
	go run ./cmd/smartodoo demo

.PHONY: test lint bench demo
