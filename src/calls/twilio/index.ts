export { createVoiceWebhook, type VoiceWebhookOptions, type ResolvedBusiness } from './webhook.ts';
export { createMemoryStateStore, type CallStateStore } from './state-store.ts';
export { twilioSignature, verifyTwilioSignature } from './signature.ts';
