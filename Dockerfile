# syntax=docker/dockerfile:1
# The relay as a container image. Stage 1 installs everything and builds; stage 2 holds only the
# build output and production dependencies, runs as the unprivileged `node` user, and has tini as
# PID 1 so SIGTERM reaches node (the relay then drains) and zombies are reaped.
#   docker build -t relay-chat:0.1.0 .
# Node 24 LTS (security fixes until 2028-04-30), pinned to a release; CI runs the relay's
# multi-process suites on this exact version (scripts/image-node-version.mjs, .ci/run).
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: building the relay and the web client needs no install script, and the
# desktop app's dev dependencies (Electron) must not download binaries into a server build.
# The npm cache lives in a BuildKit cache mount: reused between builds, never in a layer.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    METRICS_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund
# Owned by root and read-only for `node`: the process cannot change its own code.
COPY --from=build /app/dist ./dist
USER node
# 3000: chat and API (route this one); 9464: /metrics for Prometheus (keep it private).
EXPOSE 3000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--max-semi-space-size=16", "dist/relay/main.js"]
