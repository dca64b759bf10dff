// Hand-written TRAINING tickets: whole e-mails, as customers send them. Never used for testing.
export interface Handwritten { intent: string; subject: string; body: string; tags?: string[] }

export const HANDWRITTEN_TRAIN: Handwritten[] = [
];
