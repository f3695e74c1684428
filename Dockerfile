# syntax=docker/dockerfile:1
# controlmap as one static binary in a minimal image, run as a non-root user.
# The build step is scripts/build, the same command CI checks.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN scripts/build /out/controlmap && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/controlmap /usr/local/bin/controlmap
COPY --from=build --chown=nonroot:nonroot /out/data /data
USER nonroot:nonroot
ENV CONTROLMAP_DB=/data/controlmap.db CONTROLMAP_ADDR=:8080
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/controlmap"]
CMD ["serve"]
