export { createSummaryDelivery, subjectFor, type DeliveryOutcome, type SummaryDeliveryOptions } from './deliver.ts';
export { createTwilioSms, type SmsSender, type TwilioSmsOptions } from './sms.ts';
