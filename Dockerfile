# One image for every TDM service (migrate, api, worker); docker-compose.yml picks the command.
#
# Stage 1 builds the self-service portal with Node; stage 2 installs the Python package and copies
# the built portal in. The runtime runs as an unprivileged user.

# ---- stage 1: the portal (tdm-ui) -------------------------------------------------------------
FROM node:20-bookworm-slim AS ui
WORKDIR /build/tdm-ui
# Dependencies first, so that a source change does not reinstall them.
COPY tdm-ui/package.json tdm-ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tdm-ui/ ./
# The portal's API types are generated from the committed spec (../docs/openapi.json).
COPY docs/openapi.json /build/docs/openapi.json
RUN npm run build

# ---- stage 2: the Python services ---------------------------------------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TDM_UI_DIST=/opt/tdm/ui \
    TDM_HOME=/var/lib/tdm

# Chromium drives the UI crawler of synthetic generation (Playwright uses /usr/bin/chromium).
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/tdm/src
COPY pyproject.toml README.md ./
COPY tdm-api/ tdm-api/
COPY tdm-orchestrator/ tdm-orchestrator/
COPY agents/ agents/
COPY tdm-metadata-store/ tdm-metadata-store/
COPY tdm-dataset-store/ tdm-dataset-store/
COPY tdm-cache/ tdm-cache/
RUN pip install . && rm -rf /opt/tdm/src

COPY --from=ui /build/tdm-ui/dist /opt/tdm/ui

RUN useradd --system --create-home --home-dir /home/tdm --uid 10001 tdm \
    && mkdir -p /var/lib/tdm \
    && chown tdm:tdm /var/lib/tdm
USER tdm
WORKDIR /home/tdm

EXPOSE 8000
ENTRYPOINT ["tdm"]
CMD ["api", "--host", "0.0.0.0"]
