# syntax=docker/dockerfile:1
# Build: docker build -t studyguide .   Run: see docker-compose.yml
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY StudyGuide.Web/StudyGuide.Web.csproj StudyGuide.Web/
RUN dotnet restore StudyGuide.Web/StudyGuide.Web.csproj
COPY StudyGuide.Web/ StudyGuide.Web/
COPY migrations/ migrations/
RUN dotnet publish StudyGuide.Web/StudyGuide.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY content/ /app/content/
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    StudyGuide__ContentDirectory=/app/content \
    DOTNET_NOLOGO=1
EXPOSE 8080
# The aspnet image ships an unprivileged "app" user (UID 1654).
USER app
ENTRYPOINT ["dotnet", "StudyGuide.Web.dll"]
