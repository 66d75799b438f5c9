# syntax=docker/dockerfile:1
# One image per Node workspace of the monorepo (a service or the gateway), e.g.
#   docker build -f infra/docker/node-workspace.Dockerfile --build-arg WORKSPACE=services/pollution -t xietong/pollution .
# The build context is the repository root (see .dockerignore). TypeScript runs as written on Node 24 (decisions
# 0001 and 0002): there is no compile step, only production dependencies and the sources.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: production dependencies of the one workspace, and the tree the runtime image needs ---------------------
FROM ${NODE_IMAGE} AS build
ARG WORKSPACE
RUN test -n "${WORKSPACE}" || (echo "build with --build-arg WORKSPACE=<path>, e.g. services/pollution" >&2; exit 1)
WORKDIR /repo
# npm resolves the workspace graph from every workspace's package.json, so the whole (filtered) context comes in.
COPY . .
# Only the workspace's own production dependencies (and the workspaces it uses, linked), exactly as locked.
RUN npm ci --omit=dev --workspace "${WORKSPACE}" --include-workspace-root=false --ignore-scripts --no-audit --no-fund
# Stage /out: node_modules, the workspace and every @xietong/* workspace it uses (the node_modules/@xietong links
# point at those folders, so they must exist in the runtime image too).
RUN node infra/docker/stage-workspace.ts "${WORKSPACE}" /out

# ---- runtime: sources and production dependencies only, as the unprivileged `node` user --------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG WORKSPACE
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    HEALTH_PATH=/health/ready
# Owned by root and read-only to the app: the process cannot rewrite its own code or dependencies.
COPY --from=build /out /app
WORKDIR /app/${WORKSPACE}
USER node
EXPOSE 8080
# Node's own fetch: the slim image has no curl or wget.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}${process.env.HEALTH_PATH}`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node is PID 1: the programs handle SIGTERM themselves (graceful shutdown), and `init: true` in compose reaps zombies.
CMD ["node", "src/main.ts"]
