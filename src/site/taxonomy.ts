/** How the site groups symptoms: by provider, then by the stage of the setup where they fail. */
export const PROVIDERS = [
  { id: 'aws', label: 'AWS KMS', long: 'AWS KMS and IAM', short: 'AWS' },
  { id: 'gcp', label: 'Google Cloud KMS', long: 'Google Cloud KMS and workload identity federation', short: 'Google Cloud' },
  { id: 'azure', label: 'Azure Key Vault', long: 'Azure Key Vault and Microsoft Entra ID', short: 'Azure' },
  { id: 'openai', label: 'OpenAI side', long: 'OpenAI side', short: 'OpenAI' },
  { id: 'any', label: 'Any provider', long: 'Any provider', short: 'Any provider' },
] as const

export const STAGES = [
  { id: 'identity', label: 'Identity and trust' },
  { id: 'permissions', label: 'Permissions' },
  { id: 'key-state', label: 'Key state' },
  { id: 'key-type', label: 'Key type' },
  { id: 'network', label: 'Network' },
  { id: 'service', label: 'Service and quotas' },
  { id: 'openai', label: 'OpenAI side' },
] as const

export const providerLabel = (id: string) => PROVIDERS.find((p) => p.id === id)?.short ?? id
export const stageLabel = (id: string) => STAGES.find((s) => s.id === id)?.label ?? id
