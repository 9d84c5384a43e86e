# The Lambda container image: Deno custom runtime on the Lambda "provided" base image, in
# that image's own layout: the runtime is /var/runtime/bootstrap, and the base image's
# ENTRYPOINT (/lambda-entrypoint.sh) is kept, so Lambda, `sam local invoke` and
# `docker run -p 9000:8080 IMAGE` (AWS's Runtime Interface Emulator) all start it.
# Build: sam build (or docker build -t openalchemy-package-builder .). Both stages are
# linux/amd64, the template's x86_64, whatever machine builds the image.

# Deno comes from npm, as everywhere in this project (the package's install script puts
# the platform's binary at node_modules/deno/deno). Node 24 is the active LTS line
# (supported until April 2028).
FROM --platform=linux/amd64 node:24-bookworm-slim AS deno
ARG DENO_VERSION=2.9.6
RUN npm install --global --no-fund --no-audit "deno@${DENO_VERSION}" \
  && cp "$(npm root -g)/deno/deno" /usr/local/bin/deno \
  && /usr/local/bin/deno --version

FROM --platform=linux/amd64 public.ecr.aws/lambda/provided:al2023
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

# The runtime where the base image's /lambda-entrypoint.sh looks for it; it runs the
# command `deno task invoke` starts (tests/deploy_test.ts checks).
COPY src/runtime/bootstrap /var/runtime/bootstrap
RUN chmod 755 /var/runtime/bootstrap

# The one argument /lambda-entrypoint.sh requires (it exports it as _HANDLER); the runtime
# does not read it: FUNCTION_HANDLER chooses the handler (the builder by default).
CMD ["builder"]
