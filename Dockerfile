# Waypoint's image: one image for every role (PROCESS_ROLE=web|worker|all), plain JavaScript on Node 24, run as the
# unprivileged `node` user. Build: docker build -t waypoint .   Run the topology: docker compose up
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY emulator ./emulator
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
# A container is reached through its published port, so it listens on every interface (outside one, the sandbox
# defaults to loopback). NODE_OPTIONS caps V8's young generation as the npm scripts do (docs/memory.md).
ENV NODE_ENV=production DATA_DIR=/var/lib/waypoint HOST=0.0.0.0 NODE_OPTIONS=--max-semi-space-size=16
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
RUN mkdir -p /var/lib/waypoint && chown node:node /var/lib/waypoint
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/readyz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# --liftoff-only is accepted only on the command line; without it an embedded store (DATA_DIR, no DATABASE_URL)
# pays about 500 MB while V8 optimises the SQL parser's WebAssembly (docs/memory.md).
CMD ["node", "--liftoff-only", "dist/src/main.js"]
