#!/bin/sh
# azd post-deploy hook (azure.yaml, hooks.postdeploy.posix): registers the Telegram webhook of the deployed app.
# - Needs the bot token in Key Vault (docs/OPERATIONS.md); without it the hook says so and leaves the webhook alone.
# - Creates the webhook secret in Key Vault when there is none (48 random letters and digits), and restarts the app so
#   its Key Vault reference (Bot__WebhookSecret) resolves.
# - Calls `alerts bot set-webhook <AZURE_BOT_WEBHOOK_URL>` with the token and the secret read from the vault into this
#   command's environment only: never echoed, never in the azd environment, never on a command line.
# Run it again any time (after setting the token, after rotating the secret): azd hooks run postdeploy
set -eu

vault="${AZURE_KEY_VAULT_NAME:?AZURE_KEY_VAULT_NAME is not set: run azd provision first}"
url="${AZURE_BOT_WEBHOOK_URL:?AZURE_BOT_WEBHOOK_URL is not set: run azd provision first}"
app="${AZURE_FUNCTION_APP_NAME:?}"
group="${AZURE_RESOURCE_GROUP:?}"
token_name="${TELEGRAM_BOT_TOKEN_SECRET_NAME:-telegram-bot-token}"
secret_name="${TELEGRAM_WEBHOOK_SECRET_NAME:-telegram-webhook-secret}"

has_secret() {
  az keyvault secret show --vault-name "$vault" --name "$1" --query id -o tsv >/dev/null 2>&1
}

if ! has_secret "$token_name"; then
  echo "postdeploy: no bot token in Key Vault $vault (secret $token_name); the webhook is not registered."
  echo "postdeploy: set the token (docs/OPERATIONS.md), then run: azd hooks run postdeploy"
  exit 0
fi

if ! has_secret "$secret_name"; then
  echo "postdeploy: creating the webhook secret $secret_name in $vault"
  umask 077
  file="$(mktemp)"
  trap 'rm -f "$file"' EXIT
  LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 48 >"$file"
  az keyvault secret set --vault-name "$vault" --name "$secret_name" --file "$file" -o none
  rm -f "$file"
  # The app reads the new secret through its Key Vault reference at start.
  az functionapp restart -g "$group" -n "$app" -o none
fi

root="$(cd "$(dirname "$0")/../.." && pwd)"
Telegram__BotToken="$(az keyvault secret show --vault-name "$vault" --name "$token_name" --query value -o tsv)" \
Bot__WebhookSecret="$(az keyvault secret show --vault-name "$vault" --name "$secret_name" --query value -o tsv)" \
  dotnet run --project "$root/src/Alerts.Cli" -c Release -- bot set-webhook "$url"
