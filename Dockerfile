# Runtime image for the manifests in k8s/; build the jar first: mvn -B -DskipTests package
FROM eclipse-temurin:17-jre
COPY target/promrelay.jar /opt/promrelay/promrelay.jar
COPY config/promrelay.yml /etc/promrelay/promrelay.yml
EXPOSE 9090
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/promrelay/promrelay.jar"]
CMD ["--config.file=/etc/promrelay/promrelay.yml"]
