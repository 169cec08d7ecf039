#!/usr/bin/env bash
# Regenerates the committed OpenAPI document from the code and the TypeScript client from it.
# The build writes src/WebApi/obj/openapi/v1.json (Microsoft.Extensions.ApiDescription.Server);
# tests fail while openapi/v1.json or clients/typescript/src/client.ts lag behind it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/WebApi -c Release
cp src/WebApi/obj/openapi/v1.json openapi/v1.json
(cd clients/typescript && { [ -d node_modules ] || npm ci; } && npm run generate)
git status --short openapi clients/typescript/src
