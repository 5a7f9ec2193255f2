# syntax=docker/dockerfile:1.7
#
# Claco's container images, built from the repository root:
#
#   docker build -t claco .                                     # the server (default target)
#   docker build --target importer-scheduler -t claco-importer .  # the daily KOPIS import
#
# Both hold static Go binaries (CGO_ENABLED=0, -trimpath) on distroless, run
# as the non-root user 65532, and carry no secrets and no demo data: every
# secret (CLACO_DATABASE_URL, CLACO_JWT_SECRET, CLACO_KAKAO_CLIENT_SECRET,
# CLACO_KOPIS_KEY) comes from the environment at run time. See
# deploy/docker-compose.yml and deploy/kubernetes/ for complete deployments.

ARG GO_VERSION=1.26

# ---- build: server, importer and the health probe --------------------------
FROM golang:${GO_VERSION} AS build
WORKDIR /src
ENV CGO_ENABLED=0
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
# VERSION names the build (a tag such as v1.4.0, or a commit): `server
# version` prints it and the image's labels carry it. Empty, the server
# reports "devel" (the build context has no .git to take a revision from).
ARG VERSION=
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o /out/bin/server ./cmd/server \
 && go build -trimpath -ldflags="-s -w" -o /out/bin/importer ./cmd/importer \
 && go build -trimpath -ldflags="-s -w" -o /out/bin/healthcheck ./cmd/healthcheck \
 && mkdir -p /out/data/uploads /out/data/import-cache

# ---- importer-scheduler: the importer with a shell to compute its dates ----
# `importer kopis` wants explicit --from/--to dates, which a schedule has to
# compute, so this image adds busybox (distroless's :debug variant, in
# /busybox) to run deploy/importer/kopis-daily.sh: with no argument it imports
# the coming days once and exits (a Kubernetes CronJob); with --loop it does
# so now and then every day (docker compose). The server image has no shell.
FROM gcr.io/distroless/static-debian12:debug-nonroot AS importer-scheduler
ARG VERSION=
LABEL org.opencontainers.image.title="claco-importer" \
      org.opencontainers.image.description="Claco KOPIS importer with its daily schedule" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/bin/importer /usr/local/bin/importer
COPY --chmod=0555 deploy/importer/kopis-daily.sh /usr/local/bin/kopis-daily
COPY --from=build --chown=65532:65532 /out/data /data
ENV CLACO_IMPORT_CACHE=/data/import-cache
USER 65532:65532
WORKDIR /data
ENTRYPOINT ["/busybox/sh", "/usr/local/bin/kopis-daily"]

# ---- server (default target) ----------------------------------------------
FROM gcr.io/distroless/static-debian12:nonroot AS server
ARG VERSION=
LABEL org.opencontainers.image.title="claco" \
      org.opencontainers.image.description="Claco GraphQL API server (also holds the importer)" \
      org.opencontainers.image.version="${VERSION}"
COPY --from=build /out/bin/server /out/bin/importer /out/bin/healthcheck /usr/local/bin/
COPY --from=build --chown=65532:65532 /out/data /data
# Production by default: the server refuses to start without
# CLACO_DATABASE_URL (MySQL) and a CLACO_JWT_SECRET of 32 characters or more,
# never loads the demo catalogue, and turns introspection and the playground
# off. The admin listener (/metrics) stays on the loopback unless
# CLACO_ADMIN_ADDR says otherwise (compose and Kubernetes open it to their
# private network for Prometheus); it is deliberately not EXPOSEd.
#
# GOMEMLIMIT: the Go runtime collects harder as its memory nears the limit,
# which keeps an instance with a 20,000-concert catalogue under 250 MiB of
# RSS under load (about 90 MB of it live; BENCHMARKS.md) at a few per cent
# of CPU. Raise it with the container's memory limit, keeping ~30 % free.
ENV CLACO_ENV=production \
    GOMEMLIMIT=170MiB \
    CLACO_ADDR=:8080 \
    CLACO_ADMIN_ADDR=127.0.0.1:9090 \
    CLACO_UPLOAD_DIR=/data/uploads \
    CLACO_IMPORT_CACHE=/data/import-cache
# Uploaded images (and the poster cache inside them) must outlive the
# container: mount a volume on /data/uploads (shared by every replica).
VOLUME ["/data/uploads"]
EXPOSE 8080
USER 65532:65532
WORKDIR /data
# distroless has no curl: healthcheck GETs http://127.0.0.1:PORT/healthz
# (PORT from CLACO_ADDR) with a 2 s timeout and exits 0 or 1.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["/usr/local/bin/server"]
