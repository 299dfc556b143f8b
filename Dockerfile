# The wanlab image: a jlinked Java 25 runtime, the wanlab jar and the tools a lab node runs.
# './wanlab image' prepares the build context (target/image: wanlab.jar and runtime/) and the base,
# then builds this. BASE is any Debian 12: wanlab-base:bookworm (built locally, tools included) or,
# where a registry answers, debian:bookworm-slim:
#   docker build --network=host --build-arg BASE=debian:bookworm-slim -f Dockerfile target/image
ARG BASE=wanlab-base:bookworm
FROM ${BASE}
LABEL io.wanlab=1

# Installs only what the base lacks, so a local base needs no network here.
RUN set -eu; missing=""; \
    for pair in ip:iproute2 curl:curl openssl:openssl tcpdump:tcpdump iperf3:iperf3 ping:iputils-ping; do \
      command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"; \
    done; \
    if [ -n "$missing" ]; then \
      apt-get update; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates $missing; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    printf '#!/bin/sh\nexec java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss1m -jar /opt/wanlab/wanlab.jar "$@"\n' \
      >/usr/local/bin/wanlab; \
    chmod 755 /usr/local/bin/wanlab

COPY runtime/ /opt/wanlab/java/
ENV JAVA_HOME=/opt/wanlab/java \
    PATH=/opt/wanlab/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Last, so a new jar rebuilds one small layer.
COPY wanlab.jar /opt/wanlab/wanlab.jar

ENTRYPOINT ["/usr/local/bin/wanlab"]
CMD ["--help"]
