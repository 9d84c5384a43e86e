# The Lambda container image: Deno custom runtime on the Lambda "provided" base image.
# Build: sam build (or docker build -t openalchemy-package-builder .)

# Deno comes from npm, as everywhere in this project.
FROM node:20-bookworm-slim AS deno
ARG DENO_VERSION=2.9.6
RUN npm install --global --no-fund --no-audit "deno@${DENO_VERSION}" \
  && cp "$(npm root -g)/deno/deno" /usr/local/bin/deno

FROM public.ecr.aws/lambda/provided:al2023
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno

# Everything is cached at build time: the function's file system is read-only apart
# from /tmp, and a cold start must not download anything.
ENV DENO_DIR=/opt/deno-dir \
    DENO_NO_UPDATE_CHECK=1 \
    DENO_NO_PROMPT=1 \
    BUILD_DIR=/tmp/build
WORKDIR /var/task
COPY deno.json deno.lock mod.ts ./
COPY src/ src/
COPY examples/ examples/
RUN deno cache --frozen mod.ts src/lambda/default_handler.ts src/aws/s3_storage.ts \
      src/spec/parse.ts \
  && chmod -R a+rX /opt/deno-dir /var/task

# Identical to the runtime command `deno task invoke` starts (src/runtime/main.ts
# RUNTIME_ARGS); tests/deploy_test.ts checks that they stay the same.
ENTRYPOINT ["deno", "run", "--allow-all", "mod.ts"]
