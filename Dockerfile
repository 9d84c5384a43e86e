# The Lambda container image: Deno custom runtime on the Lambda "provided" base image.
# Build: sam build (or docker build -t openalchemy-package-builder .)

# Deno comes from npm, as everywhere in this project (the package's install script puts
# the platform's binary at node_modules/deno/deno).
FROM node:20-bookworm-slim AS deno
ARG DENO_VERSION=2.9.6
RUN npm install --global --no-fund --no-audit "deno@${DENO_VERSION}" \
  && cp "$(npm root -g)/deno/deno" /usr/local/bin/deno \
  && /usr/local/bin/deno --version

FROM public.ecr.aws/lambda/provided:al2023
COPY --from=deno /usr/local/bin/deno /usr/local/bin/deno

# Everything is cached at build time: the function's file system is read-only apart
# from /tmp, and a cold start must not download anything (the runtime runs with
# --cached-only).
ENV DENO_DIR=/opt/deno-dir \
    DENO_NO_UPDATE_CHECK=1 \
    DENO_NO_PROMPT=1 \
    NO_COLOR=1
WORKDIR /var/task
COPY deno.json deno.lock mod.ts ./
COPY src/ src/
COPY examples/ examples/

# The same arguments as CACHE_ARGS in src/runtime/main.ts (tests/deploy_test.ts checks).
RUN deno cache --frozen mod.ts src/aws/s3_storage.ts src/db/dynamodb_table_store.ts src/index/s3_package_files.ts

# Run the runtime once on local storage and once against a NoSuchKey S3 stub, so the
# V8 code cache of every module is in DENO_DIR (read-only at run time); fails the build
# if the runtime cannot serve an event.
RUN deno run --cached-only --allow-all src/runtime/warm_up.ts \
  && chmod -R a+rX /opt/deno-dir /var/task

# Identical to the runtime command `deno task invoke` starts (RUNTIME_ARGS in
# src/runtime/main.ts); tests/deploy_test.ts checks that they stay the same.
ENTRYPOINT ["deno", "run", "--cached-only", "--allow-env", "--allow-net", "--allow-read", "--allow-write", "--allow-sys", "mod.ts"]
