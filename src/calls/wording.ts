// Everything the assistant says, in one place: the fixed safety scripts (versioned, per hazard,
// overridable by the business) and the intake lines. Each line is written to pass the call guardrails:
// no price, diagnosis, guarantee, time promise, booking or repair coaching; urgent without a time.
import type { BusinessConfig, Hazard, IntakeField } from './config.ts';

export interface SafetyScript {
  hazard: Hazard;
  id: string;
  version: string;
  text: string;
}

export const DEFAULT_SAFETY_SCRIPTS: Record<Hazard, Omit<SafetyScript, 'hazard'>> = {
  gas: {
    id: 'default-gas',
    version: '1',
    text:
      "For your safety, please leave the building now and take everyone with you. As you go, don't use light switches, appliances or anything that could make a spark. Once you're outside and away from the building, call 911 or your gas utility's emergency line.",
  },
  carbon_monoxide: {
    id: 'default-carbon-monoxide',
    version: '1',
    text:
      "For your safety, please get everyone, including pets, out of the building into fresh air now. Once you're outside, call 911. Don't go back inside until emergency responders say it's safe.",
  },
  electrical: {
    id: 'default-electrical',
    version: '1',
    text:
      "For your safety, please keep everyone away from that area and don't touch the panel, outlets, switches or wires. If you see smoke or fire, or the burning smell gets stronger, leave the building and call 911 from outside.",
  },
  flooding: {
    id: 'default-flooding',
    version: '1',
    text:
      "For your safety, please keep away from the water if it could reach outlets, cords or appliances, and don't touch anything electrical. If water is near the electrical panel or you feel unsafe, leave the area and call 911 from outside.",
  },
  no_heat: {
    id: 'default-no-heat',
    version: '1',
    text:
      "If anyone at home feels unwell, very cold or confused, please call 911. Keep everyone together in one room with warm layers and blankets, and don't use an oven, stove or outdoor heater to heat the home.",
  },
};

/** The script the business configured for a hazard, or the default one. */
export function safetyScript(config: BusinessConfig, hazard: Hazard): SafetyScript {
  const own = config.safetyScripts[hazard];
  if (own) return { hazard, id: own.id ?? `${hazard}-custom`, version: own.version, text: own.text };
  return { hazard, ...DEFAULT_SAFETY_SCRIPTS[hazard] };
}

/** Hazards after which the caller must leave now: the assistant ends the call rather than keep them inside. */
export const LEAVE_NOW: ReadonlySet<Hazard> = new Set(['gas', 'carbon_monoxide']);

export function greeting(config: BusinessConfig): string {
  return config.wording.greeting ?? `Thanks for calling ${config.business.name}.`;
}

export function disclosure(config: BusinessConfig): string {
  return config.wording.disclosure ?? "I'm an automated assistant. I'll take down your details so a person on our team can follow up.";
}

export function question(field: IntakeField, config: BusinessConfig): string {
  switch (field) {
    case 'problem':
      return 'What can we help you with today?';
    case 'name':
      return 'Can I get your name, please?';
    case 'callbackNumber':
      return "What's the best number to reach you?";
    case 'serviceAddress':
      return "What's the address where you need the work done?";
    case 'zipCode':
      return "And what's the ZIP code there?";
    case 'category':
      return `Is this about ${orList(config.categories.map((c) => c.label))}?`;
    case 'propertyType':
      return 'Is this for a home or a business?';
    case 'preferredWindow':
      return "Is there a time of day you'd prefer? I'll pass it on as a preference; the office confirms any visit.";
  }
}

export const LINES = {
  reask: "Sorry, I didn't catch that.",
  sensitiveDropped:
    "For your privacy, I can't take payment, identity or password details on this call, so I haven't kept them.",
  preferenceNoted: "Thanks, I'll pass that on as your preference; the office confirms any visit with you.",
  handoffLeaveNow: "I'm alerting our on-call team now as urgent, and they have your number. I'm going to end this call so you can get outside. Please call 911 once you're out.",
  handoffStay: "I'm alerting our on-call team now as urgent. I can't say exactly when they'll reach you, so please call 911 if things get worse. A few quick details for the team:",
  handoffDone: "Thank you. Our on-call team has your details as urgent. If anything gets worse, call 911. Goodbye.",
  transferOnCall: "This sounds urgent, so I'm passing your details to our on-call team now. I can't say exactly when they'll reach you, but they have your information.",
  messageInHours: 'Thank you. I\'ve passed your details to our team, and a person will follow up with you. Goodbye.',
  messageAfterHours: "Thank you. Our office is closed right now, so I've taken a message for the team to pick up when the office reopens. Goodbye.",
  fallback: "I'll pass that to our team, and a person will follow up with you.",
};

/** Honest answers when a caller pushes for what only staff can give. */
export const DECLINES = {
  price: "I can't give prices on the phone; the office will follow up with you about cost.",
  diagnosis: "I can't say what's causing it or judge it over the phone; a technician will look at it. If you ever feel unsafe, leave and call 911.",
  time: "I can't promise a time or book a visit; the office confirms any visit with you.",
  guarantee: "I can't guarantee an outcome; our staff will review your request.",
  repair: "I can't walk you through a repair over the phone; our staff will follow up. If you feel unsafe, leave the area and call 911.",
} as const;
export type Push = keyof typeof DECLINES;

export function outOfArea(config: BusinessConfig): string {
  return `I'm sorry, that ZIP code is outside the area ${config.business.name} serves. I've noted your call for the office in case they can point you to someone nearby. Goodbye.`;
}

export function outOfScope(config: BusinessConfig, label: string): string {
  return `I'm sorry, ${config.business.name} doesn't handle ${label} work. I've noted your call for the office in case they can point you to someone who does. Goodbye.`;
}

export function closing(config: BusinessConfig, afterHours: boolean): string {
  if (config.wording.closing) return config.wording.closing;
  return afterHours ? LINES.messageAfterHours : LINES.messageInHours;
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
