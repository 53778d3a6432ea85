// Reads the ARM template `bicep build` made of infra/main.bicep and checks the promises the infrastructure
// makes (the linter checks style; this checks what is deployed). Usage: node assert-template.mjs main.json
import { readFileSync } from 'node:fs';

const template = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

/** Every resource, nested deployments' templates included (each knows the template it is declared in). */
function* resources(t) {
  const list = Array.isArray(t.resources) ? t.resources : Object.values(t.resources ?? {});
  for (const r of list) {
    Object.defineProperty(r, 'declaredIn', { value: t, enumerable: false });
    yield r;
    if (r.type === 'Microsoft.Resources/deployments' && r.properties?.template) yield* resources(r.properties.template);
  }
}
const all = [...resources(template)];
const ofType = (type) => all.filter((r) => r.type === type);
const one = (type) => {
  const found = ofType(type);
  check(found.length === 1, `expected one ${type}, found ${found.length}`);
  return found[0] ?? { properties: {} };
};

const storage = one('Microsoft.Storage/storageAccounts').properties;
check(storage.allowBlobPublicAccess === false, 'storage: allowBlobPublicAccess must be false');
check(storage.allowSharedKeyAccess === false, 'storage: allowSharedKeyAccess must be false (managed identity only)');
check(storage.minimumTlsVersion === 'TLS1_2', 'storage: minimumTlsVersion must be TLS1_2');
check(storage.supportsHttpsTrafficOnly === true, 'storage: HTTPS only');
check(ofType('Microsoft.Storage/storageAccounts/tableServices').length === 1, 'storage: a table service');
check(ofType('Microsoft.Storage/storageAccounts/queueServices').length === 1, 'storage: a queue service');

const site = one('Microsoft.Web/sites');
check(site.properties.siteConfig?.linuxFxVersion === 'DOTNETCORE|10.0', 'web app: linuxFxVersion must be DOTNETCORE|10.0');
check(site.properties.httpsOnly === true, 'web app: HTTPS only');
check(JSON.stringify(site.identity ?? {}).includes('SystemAssigned'), 'web app: a system-assigned managed identity');
check(one('Microsoft.Web/serverfarms').properties.reserved === true, 'plan: Linux (reserved: true)');

// The settings resource with the variables of its template (the Key Vault reference format lives there).
const settingsResource = ofType('Microsoft.Web/sites/config').find((c) => String(c.name).includes('appsettings')) ?? {};
const settings = JSON.stringify(settingsResource) + JSON.stringify(settingsResource.declaredIn?.variables ?? {});
for (const name of ['Storage__TableServiceUri', 'Storage__QueueServiceUri', 'Anonymity__HmacKey', 'Bot__AppId', 'Bot__TenantId', 'Bot__AppType', 'Api__Audiences__1', 'APPLICATIONINSIGHTS_CONNECTION_STRING']) {
  check(settings.includes(name), `app settings: ${name} is missing`);
}
check(settings.includes('@Microsoft.KeyVault('), 'app settings: secrets must be Key Vault references');
check(!/AccountKey|SharedAccessSignature|Storage__ConnectionString|listKeys/i.test(settings), 'app settings: no storage keys or connection strings');

const vault = one('Microsoft.KeyVault/vaults').properties;
check(vault.enableRbacAuthorization === true, 'key vault: Azure RBAC authorisation');

const roleResources = ofType('Microsoft.Authorization/roleAssignments');
const roles = JSON.stringify(roleResources) + JSON.stringify(roleResources[0]?.declaredIn?.variables ?? {});
for (const [role, id] of [['Storage Table Data Contributor', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'], ['Storage Queue Data Contributor', '974c5e8b-45b9-4653-ba55-5f855dd0fb88'], ['Key Vault Secrets User', '4633458b-17de-408a-b874-0445c86b69e6']]) {
  check(roles.includes(id), `role assignments: ${role} (${id}) is missing`);
}

const bot = one('Microsoft.BotService/botServices');
check(JSON.stringify(bot.properties.endpoint ?? '').includes('/api/messages'), 'bot: messaging endpoint https://{host}/api/messages');
check(ofType('Microsoft.BotService/botServices/channels').some((c) => c.properties?.channelName === 'MsTeamsChannel'), 'bot: the Teams channel');
check(JSON.stringify(template.parameters?.botAppType?.allowedValues) === JSON.stringify(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']), 'parameter botAppType: SingleTenant | MultiTenant | UserAssignedMSI');
for (const name of ['BOT_ID', 'BOT_DOMAIN', 'AAD_APP_CLIENT_ID']) check(template.outputs?.[name], `output ${name} (make package needs it) is missing`);
check(ofType('Microsoft.Insights/components').length === 1 && ofType('Microsoft.OperationalInsights/workspaces').length === 1, 'monitoring: Application Insights and Log Analytics');
// What logs keep (docs/logging.md): no App Service HTTP log, no codeless agent past the app's redaction, IPs masked.
check(site.properties.siteConfig?.httpLoggingEnabled === false, 'web app: App Service HTTP logging must be off (caller IP, time and URL)');
check(/ApplicationInsightsAgent_EXTENSION_VERSION["']?[:,]\s*["']disabled/.test(settings), 'app settings: the Application Insights codeless agent must be disabled');
check(!ofType('Microsoft.Insights/diagnosticSettings').some((d) => (d.properties?.logs ?? []).some((l) => l.category === 'AppServiceHTTPLogs' && l.enabled)), 'diagnostics: AppServiceHTTPLogs must not be shipped');
check(ofType('Microsoft.Insights/components').every((c) => c.properties?.DisableIpMasking === false), 'monitoring: Application Insights must mask client IPs');

if (failures.length > 0) {
  console.error('infra/main.bicep does not keep its promises:\n  ' + failures.join('\n  '));
  process.exit(1);
}
console.log(`    infra/main.bicep: ${all.length} resources checked (storage keyless, TLS 1.2, .NET 10 on Linux, Key Vault references, roles, Teams channel, no HTTP logs or client IPs)`);
