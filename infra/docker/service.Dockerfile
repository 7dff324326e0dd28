# The image of every platform service (product-, order-, worker-, gateway- and auth-service): one file, the service chosen
# with build args. Build from the repository root (the Maven reactor): docker compose build, or e.g.
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=order-service \
#     --build-arg PORTS=8082 --build-arg HEALTH_PORT=8082 -t platform/order-service .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=gateway-service \
#     --build-arg PORTS="8080 8180" --build-arg HEALTH_PORT=8180 \
#     --build-arg HEALTH_PORT_VARIABLE=GATEWAY_MANAGEMENT_PORT -t platform/gateway-service .
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=auth-service \
#     --build-arg PORTS=9000 --build-arg HEALTH_PORT=9000 -t platform/auth-service .
# Build args:
#   SERVICE               the Maven module to package (its jar is <module>/target/<module>.jar)
#   PORTS                 the ports it listens on, space-separated (EXPOSE)
#   HEALTH_PORT           the port of /actuator/health/readiness when nothing else is set
#   HEALTH_PORT_VARIABLE  the environment variable that moves that port at run time (default SERVER_PORT;
#                         the gateway: GATEWAY_MANAGEMENT_PORT, its actuator has a port of its own)
# Pinned base images; override with --build-arg to move to a newer patch release.
ARG BUILD_IMAGE=maven:3.9.11-eclipse-temurin-25-noble
ARG RUNTIME_IMAGE=eclipse-temurin:25.0.1_8-jre-noble

# --- build: the module and the modules it depends on, then split the jar into layers ------------------------
FROM ${BUILD_IMAGE} AS build
ARG SERVICE
ARG PORTS
ARG HEALTH_PORT
WORKDIR /workspace
COPY . .
# The Maven repository lives in a BuildKit cache mount: dependencies download once, not on every source change.
# `docker compose build` builds the services in parallel on this one mount: sharing=locked lets one Maven at a
# time use it (two writing the same artifact at once can leave a corrupt file in the cache for every later build).
# No `# syntax=` line: it makes BuildKit pull a frontend image; RUN --mount and COPY --chmod are built into
# Docker Engine >= 23. A missing build arg stops the build here, before Maven runs.
RUN --mount=type=cache,id=platform-maven-repository,target=/root/.m2,sharing=locked \
    : "${SERVICE:?build arg SERVICE (the module, e.g. order-service) is required}" \
      "${PORTS:?build arg PORTS is required}" "${HEALTH_PORT:?build arg HEALTH_PORT is required}" \
 && mvn -B -ntp -q -pl "$SERVICE" -am -DskipTests package \
 && java -Djarmode=tools -jar "$SERVICE/target/$SERVICE.jar" extract --layers --launcher --destination /layers

# --- runtime: JRE only, non-root, one layer per rate of change ---------------------------------------------
FROM ${RUNTIME_IMAGE}
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /app
# Least to most often changed, so a code change rebuilds only the last layer.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
COPY --chmod=0755 infra/docker/healthcheck.sh /app/healthcheck.sh
# A data directory the service user owns: a named volume mounted here starts as a copy of it, owner included
# (auth-service keeps its JWK set in /app/data; the other services never write to it).
RUN mkdir /app/data && chown 10001:10001 /app/data
USER 10001:10001
# Container-aware memory: heap as a share of the container's limit (compose: 512M -> 192M of heap, the -Xmx192m
# of ./local.sh); the rest covers what can grow beside it: metaspace <= 160m, code cache 48m, direct buffers
# <= 64m, thread stacks (512k each) and GC/JIT memory. Serial GC: fewest threads, smallest footprint.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=37.5 -XX:InitialRAMPercentage=10 -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -Xss512k -XX:+ExitOnOutOfMemoryError"
ARG PORTS
ARG HEALTH_PORT
ARG HEALTH_PORT_VARIABLE=SERVER_PORT
EXPOSE ${PORTS}
# Build args are gone when the container runs its HEALTHCHECK: the image keeps which variable moves the
# readiness port and its default, and the check reads them (like ${SERVER_PORT:-8081}, whatever the variable).
ENV HEALTHCHECK_PORT_VARIABLE=${HEALTH_PORT_VARIABLE} HEALTHCHECK_DEFAULT_PORT=${HEALTH_PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=12 \
  CMD port=$(printenv "$HEALTHCHECK_PORT_VARIABLE"); /app/healthcheck.sh "${port:-$HEALTHCHECK_DEFAULT_PORT}" /actuator/health/readiness
# exec: the JVM is PID 1 and receives SIGTERM for the graceful shutdown.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher"]
