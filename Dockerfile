# syntax=docker/dockerfile:1
# Builds both binaries (server and importer) as static executables and ships
# them on a distroless base that runs as a non-root user.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ENV CGO_ENABLED=0
RUN go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server \
 && go build -trimpath -ldflags="-s -w" -o /out/importer ./cmd/importer \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /out/importer /usr/local/bin/
COPY --from=build --chown=65532:65532 /out/data /data
# The embedded database and uploads live on a volume; point
# CLACO_DATABASE_URL at MySQL/MariaDB in production.
ENV CLACO_DATABASE_URL=sqlite:///data/claco.db \
    CLACO_UPLOAD_DIR=/data/uploads \
    CLACO_ADDR=:8080 \
    CLACO_ADMIN_ADDR=:9090
VOLUME ["/data"]
EXPOSE 8080 9090
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/server"]
