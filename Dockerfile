# syntax=docker/dockerfile:1
# Trajecten: one image for the silo (with its HTTP API) and its tools (migrate, projecties, token).
#   docker build -t trajecten:dev .
#   docker run --rm -p 8080:8080 trajecten:dev                 # in-memory, to try it out
# Operators: deploy/compose (PostgreSQL, migration, 2 silos, Prometheus, Grafana) and deploy/kubernetes (Helm chart).

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS bouw
WORKDIR /src
# Restore first, from the project files only, so that a change in code does not download packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY grains/Trajecten.Domain/Trajecten.Domain.csproj grains/Trajecten.Domain/
COPY grains/Trajecten.Abstractions/Trajecten.Abstractions.csproj grains/Trajecten.Abstractions/
COPY grains/Trajecten.Grains/Trajecten.Grains.csproj grains/Trajecten.Grains/
COPY api/Trajecten.Api/Trajecten.Api.csproj api/Trajecten.Api/
COPY silo/Trajecten.Postgres/Trajecten.Postgres.csproj silo/Trajecten.Postgres/
COPY silo/Trajecten.Silo/Trajecten.Silo.csproj silo/Trajecten.Silo/
RUN dotnet restore silo/Trajecten.Silo/Trajecten.Silo.csproj
COPY grains/ grains/
COPY api/ api/
COPY silo/Trajecten.Postgres/ silo/Trajecten.Postgres/
COPY silo/Trajecten.Silo/ silo/Trajecten.Silo/
# The schema files are embedded in Trajecten.Postgres: the image migrates a database without deploy/ beside it.
COPY deploy/sql/ deploy/sql/
RUN dotnet publish silo/Trajecten.Silo/Trajecten.Silo.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS silo
LABEL org.opencontainers.image.title="Trajecten" \
      org.opencontainers.image.description="Re-integratietrajecten (Participatiewet): Orleans-silo met HTTP-API"
WORKDIR /app
COPY --from=bouw --chown=root:root /app ./
# Defaults for a container: listen on all addresses, JSON logs for a collector, no writes into the image
# (a read-only root filesystem needs only /tmp writable, for the .NET diagnostics sockets).
# Urls, not ASPNETCORE_URLS: appsettings.json names a loopback address, and only the unprefixed variable overrides it.
ENV Urls=http://+:8080 \
    Telemetrie__Logformaat=Json
# HTTP API and health, Orleans silo-to-silo, Orleans gateway.
EXPOSE 8080 11111 30000
# The non-root user of the .NET images (uid 1654).
USER $APP_UID
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "Trajecten.Silo.dll", "gezondheid"]
ENTRYPOINT ["dotnet", "Trajecten.Silo.dll"]
