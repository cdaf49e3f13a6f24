#!/usr/bin/env bash
# Sourced by the project's scripts: selects a JDK 25 (the Lambda java25 runtime) for Maven.
# Keeps JAVA_HOME if it already points at JDK 25+, else looks in the usual install places.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/java-25-openjdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-arm64 /usr/lib/jvm/*25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 25 ] 2>/dev/null; then
  echo "A JDK 25 is required (Lambda java25 runtime): set JAVA_HOME to it." >&2
  exit 1
fi
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8 on JDK 25 warns about its own use of sun.misc.Unsafe; these flags keep the build log readable.
export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
