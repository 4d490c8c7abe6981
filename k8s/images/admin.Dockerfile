# The admin console image. Build from the repository root:
#   docker build -f k8s/images/admin.Dockerfile -t otrain-admin:dev .
# Multi-stage: the SDK restores and publishes; the runtime stage is the chiseled ASP.NET image (no shell, no package
# manager), runs as the non-root user 1654 and writes nothing outside /tmp, so it runs with a read-only root filesystem.
# No HEALTHCHECK: Kubernetes probes /health/startup, /health/ready and /health/live on port 8080.
# The whole src/ folder is copied before the restore, so the image follows whatever the console references.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ src/
RUN dotnet restore src/OrleansTrainer.Admin/OrleansTrainer.Admin.csproj
RUN dotnet publish src/OrleansTrainer.Admin/OrleansTrainer.Admin.csproj -c Release --no-restore -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
USER 1654
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "OrleansTrainer.Admin.dll"]
