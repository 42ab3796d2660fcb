# Runtime image for the manifests in k8s/; build the jar first: mvn -B -DskipTests package
FROM eclipse-temurin:17-jre
COPY target/promrelay.jar /opt/promrelay/promrelay.jar
COPY config/promrelay.yml /etc/promrelay/promrelay.yml
EXPOSE 9090
# Heap from the container's memory limit (see k8s/base/statefulset.yaml for the split); the buffer's byte cap
# defaults to half the heap. A JVM out of memory exits so the orchestrator restarts it clean.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/promrelay/promrelay.jar"]
CMD ["--config.file=/etc/promrelay/promrelay.yml"]
