#!/bin/bash
# Starts the worker. An ONNX Runtime build in /opt/facefleet/onnxruntime (the cuda and rocm images) is loaded from
# there instead of the jar's CPU build; JDK_JAVA_OPTIONS adds JVM options (e.g. -Xmx8g).
set -euo pipefail
options=(--enable-native-access=ALL-UNNAMED --add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=75
         -Dorg.bytedeco.javacpp.cachedir=/var/lib/facefleet/javacpp)
if [ -f /opt/facefleet/onnxruntime/libonnxruntime4j_jni.so ]; then
  options+=(-Donnxruntime.native.path=/opt/facefleet/onnxruntime)
fi
exec java "${options[@]}" -jar /opt/facefleet/facefleet-worker.jar worker "$@"
