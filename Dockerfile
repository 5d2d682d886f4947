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
ENV WHOSAID_ADDR=:8080
EXPOSE 8080
# With NEO4J_URI set, `dev` only loads the seeds (idempotently) and serves.
ENTRYPOINT ["/usr/local/bin/whosaid", "dev", "--seeds", "/seeds"]
