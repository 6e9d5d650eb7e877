# syntax=docker/dockerfile:1

# One image for every role: SPRING_PROFILES_ACTIVE picks api, worker or both
# (docs/deployment.md).

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# The cache mount keeps Maven's repository (and the Maven the wrapper downloads) between builds.
# The regular build checks formatting; the image build should neither fail on it nor fetch
# the formatter.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw \
    && ./mvnw -q -pl app -am package -DskipTests -Dspotless.check.skip=true \
    && cp app/target/sequor-exec.jar /tmp/sequor.jar
# Split the fat jar into layers so that a code change rebuilds a few hundred kilobytes,
# not the 150 MB of dependencies underneath it.
RUN java -Djarmode=tools -jar /tmp/sequor.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:17-jre
# A fixed, non-root uid that no base-image user owns. Its home holds the embedded runtime's data
# when the image runs without a profile, so that directory must be writable by it.
RUN groupadd --system --gid 10001 sequor \
    && useradd --system --uid 10001 --gid sequor --home-dir /var/lib/sequor --create-home \
       --shell /usr/sbin/nologin sequor
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV SEQUOR_DATA_DIR=/var/lib/sequor/postgres
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS "http://127.0.0.1:${SEQUOR_PORT:-8080}/actuator/health" > /dev/null || exit 1
# Exec form, so the JVM is PID 1 and gets SIGTERM for a graceful shutdown. Heap follows the
# container's memory limit; add flags through JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "org.springframework.boot.loader.launch.JarLauncher"]
