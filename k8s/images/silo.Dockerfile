# The silo image. Build from the repository root:
#   docker build -f k8s/images/silo.Dockerfile -t otrain-silo:dev .
# Multi-stage: the SDK restores and publishes; the runtime stage is the chiseled ASP.NET image (no shell, no package
# manager), runs as the non-root user 1654 and writes nothing outside /tmp, so it runs with a read-only root filesystem.
# No HEALTHCHECK: Kubernetes probes /health/startup, /health/ready and /health/live on port 8080.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/OrleansTrainer.Abstractions/OrleansTrainer.Abstractions.csproj src/OrleansTrainer.Abstractions/
COPY src/OrleansTrainer.Numerics/OrleansTrainer.Numerics.csproj src/OrleansTrainer.Numerics/
COPY src/OrleansTrainer.Redis/OrleansTrainer.Redis.csproj src/OrleansTrainer.Redis/
COPY src/OrleansTrainer.Models/OrleansTrainer.Models.csproj src/OrleansTrainer.Models/
COPY src/OrleansTrainer.Ingest/OrleansTrainer.Ingest.csproj src/OrleansTrainer.Ingest/
COPY src/OrleansTrainer.Grains/OrleansTrainer.Grains.csproj src/OrleansTrainer.Grains/
COPY src/OrleansTrainer.Hosting/OrleansTrainer.Hosting.csproj src/OrleansTrainer.Hosting/
COPY src/OrleansTrainer.Silo/OrleansTrainer.Silo.csproj src/OrleansTrainer.Silo/
RUN dotnet restore src/OrleansTrainer.Silo/OrleansTrainer.Silo.csproj
COPY src/OrleansTrainer.Abstractions/ src/OrleansTrainer.Abstractions/
COPY src/OrleansTrainer.Numerics/ src/OrleansTrainer.Numerics/
COPY src/OrleansTrainer.Redis/ src/OrleansTrainer.Redis/
COPY src/OrleansTrainer.Models/ src/OrleansTrainer.Models/
COPY src/OrleansTrainer.Ingest/ src/OrleansTrainer.Ingest/
COPY src/OrleansTrainer.Grains/ src/OrleansTrainer.Grains/
COPY src/OrleansTrainer.Hosting/ src/OrleansTrainer.Hosting/
COPY src/OrleansTrainer.Silo/ src/OrleansTrainer.Silo/
COPY silo-config/ silo-config/
RUN dotnet publish src/OrleansTrainer.Silo/OrleansTrainer.Silo.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
USER 1654
ENV OTRAIN_ENVIRONMENT=kubernetes \
    DOTNET_gcServer=1
EXPOSE 11111 30000 8080
ENTRYPOINT ["dotnet", "OrleansTrainer.Silo.dll"]
