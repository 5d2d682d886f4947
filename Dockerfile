# whosaid server image: loads the seeds into Neo4j, then serves the API.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/whosaid ./cmd/whosaid

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/whosaid /usr/local/bin/whosaid
COPY seeds /seeds
# Production settings: no playground, introspection, /schema.graphql or debug
# extensions. /metrics gets a listener of its own on every interface of the
# container, so a scraper can reach it: publish 9090 to the monitoring
# network only.
ENV WHOSAID_ENV=production WHOSAID_ADDR=:8080 WHOSAID_METRICS_ADDR=:9090
EXPOSE 8080 9090
# The image has no shell and no curl: the binary asks its own /readyz.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/whosaid", "healthcheck"]
# With NEO4J_URI set, `dev` only loads the seeds (idempotently) and serves.
ENTRYPOINT ["/usr/local/bin/whosaid", "dev", "--seeds", "/seeds"]
