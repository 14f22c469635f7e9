# azd post-deploy hook (azure.yaml, hooks.postdeploy.windows): registers the Telegram webhook of the deployed app.
# The same steps as postdeploy.sh: needs the bot token in Key Vault; creates the webhook secret there when there is
# none (48 random letters and digits) and restarts the app so its Key Vault reference resolves; then runs
# `alerts bot set-webhook <AZURE_BOT_WEBHOOK_URL>` with the token and the secret in its environment only.
# Run it again any time: azd hooks run postdeploy
$ErrorActionPreference = 'Stop'

$vault = $env:AZURE_KEY_VAULT_NAME
$url = $env:AZURE_BOT_WEBHOOK_URL
if (-not $vault -or -not $url) { throw 'AZURE_KEY_VAULT_NAME and AZURE_BOT_WEBHOOK_URL are not set: run azd provision first' }
$app = $env:AZURE_FUNCTION_APP_NAME
$group = $env:AZURE_RESOURCE_GROUP
$tokenName = if ($env:TELEGRAM_BOT_TOKEN_SECRET_NAME) { $env:TELEGRAM_BOT_TOKEN_SECRET_NAME } else { 'telegram-bot-token' }
$secretName = if ($env:TELEGRAM_WEBHOOK_SECRET_NAME) { $env:TELEGRAM_WEBHOOK_SECRET_NAME } else { 'telegram-webhook-secret' }

function Test-Secret([string] $name) {
  az keyvault secret show --vault-name $vault --name $name --query id -o tsv 2>$null | Out-Null
  return $LASTEXITCODE -eq 0
}

if (-not (Test-Secret $tokenName)) {
  Write-Host "postdeploy: no bot token in Key Vault $vault (secret $tokenName); the webhook is not registered."
  Write-Host 'postdeploy: set the token (docs/OPERATIONS.md), then run: azd hooks run postdeploy'
  exit 0
}

if (-not (Test-Secret $secretName)) {
  Write-Host "postdeploy: creating the webhook secret $secretName in $vault"
  $alphabet = [char[]]'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  $bytes = [System.Security.Cryptography.RandomNumberGenerator]::GetBytes(48)
  $file = New-TemporaryFile
  try {
    [System.IO.File]::WriteAllText($file.FullName, -join ($bytes | ForEach-Object { $alphabet[$_ % $alphabet.Length] }))
    az keyvault secret set --vault-name $vault --name $secretName --file $file.FullName -o none
    if ($LASTEXITCODE -ne 0) { throw 'az keyvault secret set failed' }
  }
  finally {
    Remove-Item $file.FullName -Force
  }
  # The app reads the new secret through its Key Vault reference at start.
  az functionapp restart -g $group -n $app -o none
}

$root = Resolve-Path (Join-Path $PSScriptRoot '../..')
$env:Telegram__BotToken = az keyvault secret show --vault-name $vault --name $tokenName --query value -o tsv
$env:Bot__WebhookSecret = az keyvault secret show --vault-name $vault --name $secretName --query value -o tsv
try {
  dotnet run --project (Join-Path $root 'src/Alerts.Cli') -c Release -- bot set-webhook $url
  if ($LASTEXITCODE -ne 0) { throw "alerts bot set-webhook failed ($LASTEXITCODE)" }
}
finally {
  Remove-Item Env:Telegram__BotToken, Env:Bot__WebhookSecret -ErrorAction SilentlyContinue
}
