#!/usr/bin/env bash
# Checks the tools a local (non-Docker) Neo4j needs and says what to install.
missing=0
if ! command -v java >/dev/null; then
  echo "missing: Java 17 — install OpenJDK 17 (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless), or set NEO4J_URI to a running Neo4j 5.26" >&2
  missing=1
elif ! java -version 2>&1 | grep -qE 'version "(17|21)\.'; then
  echo "wrong Java: Neo4j 5.26 runs on Java 17 or 21; 'java' on PATH is: $(java -version 2>&1 | head -1)" >&2
  missing=1
fi
if ! command -v mvn >/dev/null; then
  echo "missing: Maven 3.8+ — install it (Debian/Ubuntu: sudo apt-get install maven), or set NEO4J_URI to a running Neo4j 5.26" >&2
  missing=1
fi
exit $missing
